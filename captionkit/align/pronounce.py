"""Pronunciations for words the acoustic model's dictionary lacks (names, rare words).

pocketsphinx has no letter-to-sound rules, so a word missing from its CMU dictionary cannot be
aligned at all. espeak-ng (a Debian package captionkit already uses) spells any word in IPA; the
IPA is mapped to the ARPAbet phones of the CMU dictionary. Without espeak-ng, a plain
letter-by-letter guess still lets the word take its share of time.

>>> ipa_to_arpabet("h_ˈæ_ɹ_ə_ɡ_ˌeɪ_t")
'HH AE R AH G EY T'
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

# IPA (as espeak-ng writes it for en-us, stress marks removed) → ARPAbet.
_IPA = {
    "ɑː": "AA", "ɑ": "AA", "ɒ": "AA", "æ": "AE", "a": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH",
    "ɔː": "AO", "ɔ": "AO", "aʊ": "AW", "aɪ": "AY", "ɛ": "EH", "e": "EH", "ɜː": "ER",
    "ɜ": "ER", "ɚ": "ER", "ɝ": "ER", "eɪ": "EY", "ɪ": "IH", "ᵻ": "IH", "iː": "IY", "i": "IY",
    "oʊ": "OW", "oː": "OW", "o": "OW", "əʊ": "OW", "ɔɪ": "OY", "ʊ": "UH", "uː": "UW", "u": "UW",
    "ɑːɹ": "AA R", "ɔːɹ": "AO R", "oːɹ": "AO R", "ɛɹ": "EH R", "ɪɹ": "IH R", "iɹ": "IY R",
    "ʊɹ": "UH R", "aɪɚ": "AY ER", "aʊɚ": "AW ER", "eɪɚ": "EY ER", "əl": "AH L", "l̩": "AH L",
    "n̩": "AH N", "m̩": "AH M", "b": "B", "d": "D", "f": "F", "ɡ": "G", "g": "G", "h": "HH",
    "dʒ": "JH", "k": "K", "l": "L", "ɫ": "L", "m": "M", "n": "N", "ŋ": "NG", "p": "P",
    "ɹ": "R", "r": "R", "ɾ": "T", "ʔ": "T", "s": "S", "ʃ": "SH", "t": "T", "tʃ": "CH",
    "θ": "TH", "ð": "DH", "v": "V", "w": "W", "j": "Y", "z": "Z", "ʒ": "ZH", "x": "K",
    "ç": "HH", "ʍ": "W", "ɬ": "L", "ɣ": "G", "β": "V", "ɲ": "N Y", "ʎ": "L Y", "ʁ": "R",
    "ɯ": "UW", "y": "UW", "ø": "ER", "œ": "ER", "ɨ": "IH",
}
_MARKS = str.maketrans("", "", "ˈˌ'.-‿|")
_LETTERS = {
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH",
    "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P",
    "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S",
    "y": "Y", "z": "Z",
}


def ipa_to_arpabet(ipa: str) -> str:
    """Map espeak-ng's ``--sep=_`` IPA output for one word to ARPAbet phones."""
    phones: list[str] = []
    for token in unicodedata.normalize("NFC", ipa).split("_"):
        token = token.translate(_MARKS)
        phones.extend(_token_phones(token))
    # espeak sometimes writes a consonant twice across its own syllable split ("ɑːɹ_ɹə").
    deduped = [p for i, p in enumerate(phones) if i == 0 or p != phones[i - 1]]
    return " ".join(deduped)


def _token_phones(token: str) -> list[str]:
    """Longest-match a token (usually one phoneme, sometimes a cluster) to ARPAbet."""
    out: list[str] = []
    i = 0
    while i < len(token):
        for size in (4, 3, 2, 1):
            piece = token[i : i + size]
            if piece in _IPA:
                out.extend(_IPA[piece].split())
                i += size
                break
        else:
            i += 1  # a diacritic or symbol with no sound of its own
    return out


def letter_guess(word: str) -> str:
    """A crude letter-by-letter pronunciation: enough for the word to take some time."""
    phones = [_LETTERS[c] for c in word.lower() if c in _LETTERS]
    return " ".join(phones) or "AH"


def espeak_pronunciations(words: list[str]) -> dict[str, str]:
    """ARPAbet for each word through espeak-ng (one process for all), ``{}`` without it."""
    exe = shutil.which("espeak-ng")
    if not exe or not words:
        return {}
    try:
        proc = subprocess.run(
            [exe, "-v", "en-us", "-q", "--ipa", "--sep=_"],
            input="\n".join(words) + "\n", capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    lines = [ln.strip() for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or len(lines) != len(words):
        return {}  # espeak merged or split lines: guessing which is which would be worse
    out = {}
    for word, line in zip(words, lines, strict=True):
        phones = ipa_to_arpabet(line.replace(" ", "_"))
        if phones:
            out[word] = phones
    return out
