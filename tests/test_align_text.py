"""What the acoustic aligner is told to listen for: spoken forms and pronunciations."""

from __future__ import annotations

import shutil

import pytest

from captionkit.align.normalize import spoken_readings, spoken_tokens
from captionkit.align.pronounce import espeak_pronunciations, ipa_to_arpabet, letter_guess
from captionkit.align.sphinx import SphinxAligner
from fixtures.synth import espeak_available


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
        ("Dr.", "doctor"),
        ("vs.", "versus"),
        ("e.g.,", "for example"),
        ("-5°C", "minus five degrees celsius"),
        ("10km", "ten kilometers"),
        ("#climate", "hashtag climate"),
        ("#1", "number one"),
        ("2×", "two times"),
        ("1½", "one and a half"),
        ("C++", "c plus plus"),
        ("DR", "d r"),
        ("Mm.", "mm"),  # a listener's murmur, not millimetres
        ("Mm-hmm.", "mm hmm"),
        ("Oz", "oz"),
        ("mm", "millimeters"),  # after a number: "10 mm"
    ],
)
def test_written_words_become_spoken_tokens(written, spoken):
    assert spoken_tokens(written) == spoken.split()


@pytest.mark.parametrize(
    "written, also",
    [
        ("Dr.", "drive"),  # Mulholland Dr.
        ("St.", "street"),
        ("vs.", "v s"),
        ("e.g.", "e g"),
        ("km", "k m"),
        ("mm", "mm"),  # "Mm" written in lower case
        ("Mm", "millimeters"),
        ("16GB", "sixteen gigs"),
        ("GB", "gigabytes"),
        ("#1", "hash one"),
        ("-5°C", "negative five degrees c"),
        ("½", "one half"),
    ],
)
def test_abbreviations_symbols_and_units_offer_every_likely_reading(written, also):
    readings = spoken_readings(written)
    assert readings[0] == spoken_tokens(written)
    assert also.split() in readings


@pytest.mark.skipif(not espeak_available(), reason="libespeak-ng.so.1 not installed")
def test_abbreviations_and_symbols_align_where_they_are_said(aligner):
    """espeak-ng says "Dr." as "doctor", "-5°C" as "minus five degrees C", "#1" as "hash
    one", "vs." as "v s": read as written ("dr" is "drive" in the dictionary, "°" and "×"
    were silent) the words after them started up to 0.9 s early."""
    from captionkit.align import align
    from captionkit.audio import Audio
    from captionkit.model import Transcript, Turn
    from fixtures.synth import synthesize

    text = ("Dr. Patel ran at -5°C on St. Patrick's Day, e.g. with 2× the gear, #1 in the"
            " polls, 10 km from Mt. Hood vs. the rest.")
    spoken = synthesize([("Ann", text)])
    audio = Audio(spoken.audio.astype("float32") / 32768)
    result = align(Transcript([Turn("Ann", text)]), audio, aligner)
    assert [w.text for w in result.words] == text.split()
    off = [(w.text, round(w.start - t.start * 1000))
           for w, t in zip(result.words, spoken.words, strict=True)]
    assert max(abs(ms) for _, ms in off) <= 80, off


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


def test_exact_aligner_result_depends_on_the_stretch_alone(episode_audio, truth):
    """Alignments must not depend on what the same aligner did before (another recording,
    another worker's share of this one): it used to carry its cepstral mean over."""

    def stretch_of(first: int, end: int, gain: float = 1.0):
        words = truth[first:end]
        samples = episode_audio.slice(int(words[0]["start"] * 1000) - 200,
                                      int(words[-1]["end"] * 1000) + 200)
        return samples * gain, [t for w in words for t in spoken_tokens(w["text"])]

    samples, tokens = stretch_of(20, 32)
    fresh = SphinxAligner().align(samples, tokens)
    used = SphinxAligner()
    before = used.align(*stretch_of(120, 140, gain=8.0))  # another voice, recorded louder
    assert fresh is not None and before is not None
    assert used.align(samples, tokens) == fresh
