"""What the acoustic aligner is told to listen for: spoken forms and pronunciations."""

from __future__ import annotations

import shutil

import pytest

from captionkit.align.normalize import spoken_tokens
from captionkit.align.pronounce import espeak_pronunciations, ipa_to_arpabet, letter_guess
from captionkit.align.sphinx import SphinxAligner


@pytest.mark.parametrize(
    "written, spoken",
    [
        ("2019,", "twenty nineteen"),
        ("1990s", "nineteen nineties"),
        ("50%", "fifty percent"),
        ("3,000", "three thousand"),
        ("2.5", "two point five"),
        ("21st", "twenty first"),
        ("$5", "five dollars"),
        ("$1", "one dollar"),
        ("£3.50", "three pounds fifty"),
        ("$2bn", "two billion dollars"),
        ("10:30", "ten thirty"),
        ("7:05", "seven oh five"),
        ("9:00", "nine o'clock"),
        ("NHS", "n h s"),
        ("ICS’s", "i c s"),
        ("NASA", "nasa"),
        ("COVID-19", "covid nineteen"),
        ("Khan-Shah,", "khan shah"),
        ("O’Hara.", "o'hara"),
        ("don’t", "don't"),
        ("(really)", "really"),
        ("&", "and"),
        ("—", ""),
        ("...", ""),
    ],
)
def test_written_words_become_spoken_tokens(written, spoken):
    assert spoken_tokens(written) == spoken.split()


def test_ipa_maps_to_cmu_phones():
    assert ipa_to_arpabet("t_ˈoːɹ_tʃ_l_aɪ_t") == "T AO R CH L AY T"
    assert ipa_to_arpabet("ʃ_ɪ_v_ˈɔː_n") == "SH IH V AO N"


def test_letter_guess_gives_every_word_some_phones():
    assert letter_guess("xq") == "K S K"
    assert letter_guess("’") == "AH"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_pronounces_words_the_dictionary_lacks():
    prons = espeak_pronunciations(["harrogate", "okafor"])
    assert prons["harrogate"].split()[:2] == ["HH", "AE"]
    assert prons["okafor"].endswith("F ER")


def test_words_missing_from_the_dictionary_still_align(episode_audio, truth):
    # "Siobhán" is in no dictionary; its pronunciation is made up on the fly.
    i = next(k for k, w in enumerate(truth) if w["text"] == "Siobhán")
    words = truth[i - 1 : i + 3]  # I’m Siobhán O’Hara, and
    stretch = episode_audio.slice(int(words[0]["start"] * 1000) - 150,
                                  int(words[-1]["end"] * 1000) + 150)
    tokens = [t for w in words for t in spoken_tokens(w["text"])]
    sphinx = SphinxAligner()
    assert sphinx._decoders[0].lookup_word("siobhán") is None
    timings = sphinx.align(stretch, tokens)
    assert timings is not None and len(timings) == len(tokens)
    start = int(words[1]["start"] * 1000) - (int(words[0]["start"] * 1000) - 150)
    assert abs(timings[1].start - start) <= 60


def test_exact_aligner_prefers_the_words_that_were_said(episode_audio):
    sphinx = SphinxAligner()
    stretch = episode_audio.slice(300, 3300)
    said = ["welcome", "back", "to", "field", "notes", "from", "the", "estuary"]
    not_said = [*said[:2], "three", "thousand", "in", "one", "night", *said[2:]]
    assert sphinx.log_likelihood(stretch, said) > (sphinx.log_likelihood(stretch, not_said)
                                                   or float("-inf"))
