"""Telling a cut sentence from a mishearing: the transcript against what Whisper heard."""

from __future__ import annotations

import numpy as np
import pytest

from captionkit.align.discrepancy import (
    Region,
    _Heard,
    _inserted,
    fit_to,
    match_tokens,
    resolve,
    supersede,
    suspicious_regions,
)
from captionkit.align.normalize import spoken_tokens
from captionkit.align.precise import Refined
from captionkit.model import Discrepancy
from fixtures.synth import espeak_available

from .conftest import SHARED

# As in the hard benchmark episode: the second sentence was cut from the audio, and Whisper
# writes "everyone" as two words and spells the name "Bronwen" its own way.
TRANSCRIPT = ("the job everyone wants. Theo turned up one Sunday with 4 pear grafts in the back"
              " of a van. Bronwen reckons mapping every tree takes time")
HEARD = "the job every one wants bronwyn reckons mapping every tree takes time"


def _unheard_words() -> list[str]:
    words = TRANSCRIPT.split()
    owner = [i for i, w in enumerate(words) for _ in spoken_tokens(w)]
    ours = [t for w in words for t in spoken_tokens(w)]
    heard = [_Heard(t, 300 * k, 300 * k + 250) for k, t in enumerate(HEARD.split())]
    pairs = match_tokens(ours, [300 * k for k in range(len(ours))], fit_to(ours, heard))
    matched = {owner[t] for t in pairs}
    return [w for i, w in enumerate(words) if i not in matched]


def test_only_the_cut_sentence_is_left_unheard():
    # Matched token for token, "everyone" and "Bronwen" found no partner, and the unheard
    # run swallowed them and "wants" too: it then had heard speech inside it and was taken
    # for a mishearing, so the cut sentence was never reported.
    cut = TRANSCRIPT.split()[4:19]
    assert " ".join(cut) == "Theo turned up one Sunday with 4 pear grafts in the back of a van."
    assert _unheard_words() == cut


def test_spacing_is_only_fitted_where_the_transcript_has_the_joined_word():
    ours = ["every", "one", "of", "them"]
    heard = [_Heard("every", 0, 200), _Heard("one", 200, 400)]
    assert [h.token for h in fit_to(ours, heard)] == ["every", "one"]


def test_a_misheard_amount_is_not_reported_as_speech_missing_from_the_transcript():
    # Whisper heard "£48.50" as "forty eight five zero": the tokens it got wrong stand where
    # "pounds fifty" are, so they are a mishearing. Only speech with none of our words in its
    # place is missing from the transcript.
    ours = ["the", "grant", "was", "forty", "eight", "pounds", "fifty", "and", "most"]
    owner = [0, 1, 2, 3, 3, 3, 3, 4, 5]  # "£48.50" is said in four tokens
    ms = [600 * k for k in range(len(ours))]

    def heard_as(text: str) -> list[_Heard]:
        return [_Heard(t, 600 * k, 600 * k + 550) for k, t in enumerate(text.split(" "))]

    heard = heard_as("the rent was forty eight five zero and most")
    assert _inserted(match_tokens(ours, ms, heard), owner, heard) == []
    heard = heard_as("the rent was buy one now forty eight five zero and most")
    pairs = match_tokens(ours, ms, heard)
    assert [d.text for d in _inserted(pairs, owner, heard)] == ["buy one now"]
    # Heard after the region's last word, where the audio goes on: the next words, misheard.
    heard = heard_as("the grant was forty eight pounds fifty and most is still in it")
    pairs = match_tokens(ours, ms, heard)
    assert [d.text for d in _inserted(pairs, owner, heard)] == ["is still in it"]
    assert _inserted(pairs, owner, heard, audio_ends=False) == []
    # Inside one written word: "£48.50" said "forty eight pounds and er fifty".
    heard = heard_as("the grant was forty eight pounds and er fifty and most")
    assert _inserted(match_tokens(ours, ms, heard), owner, heard) == []


def test_a_region_takes_in_the_whole_sentence_it_touches():
    # Its first words were placed on an ad break before the rest of the sentence: a region
    # around the misplaced words alone would leave them there.
    text = ("So that is how we met. The grant was spent on cider barrels and the press in the"
            " spring, and then the rest went on ladders.")
    words = text.split()
    refined = [Refined(5_000 * i, 5_000 * i + 300, "sphinx") for i in range(len(words))]
    wrong = words.index("cider")
    refined[wrong] = Refined(5_000 * wrong, 5_000 * wrong + 300, "whisper")
    spoken = [" ".join(spoken_tokens(w)) for w in words]
    quiet = np.zeros(len(words) * 500, dtype=bool)
    duration = 5_000 * len(words)
    (around,) = suspicious_regions(refined, spoken, quiet, duration)
    assert around.first == wrong - 2
    ends = [w.endswith(".") for w in words]
    (region,) = suspicious_regions(refined, spoken, quiet, duration, ends)
    assert words[region.first] == "The" and region.end == len(words)


def test_a_later_look_replaces_the_speech_it_reported_again():
    first_look = [
        Discrepancy("not_in_transcript", 0, 29_000, ""),  # music, outside the region
        Discrepancy("not_in_transcript", 190_000, 225_500, "see the website the grant"),
        Discrepancy("not_in_audio", 300_000, 300_000, "Theo turned up", 40, 3),
    ]
    again = [Discrepancy("not_in_transcript", 163_400, 223_200, "terms apply see the website")]
    region = Region(350, 420, 159_000, 242_000)
    kept = supersede(first_look, again, region)
    assert [(d.start, d.end) for d in kept] == [(0, 29_000), (300_000, 300_000), (163_400, 223_200)]
    assert supersede(first_look, [], region) == first_look


@pytest.mark.skipif(not espeak_available(), reason="libespeak-ng.so.1 not installed")
def test_a_word_at_the_inner_edge_of_a_region_is_not_called_cut(aligner):
    # A region ends 300 ms after its last word. Whisper dropped that word when its clip ended
    # there, and a word with no heard neighbour after it was taken as cut without a check:
    # "Today" was reported missing from the audio and took no screen time.
    from captionkit.align import SphinxAligner
    from captionkit.audio import Audio, speech_frames
    from fixtures.synth import synthesize

    text = "Welcome back. Today I'm joined by Maren and Tobias to talk about a village orchard."
    spoken = synthesize([("Ann", text)])
    audio = Audio(spoken.audio.astype("float32") / 32768)
    words = text.split()
    refined = [Refined(int(t.start * 1000), int(t.end * 1000), "sphinx") for t in spoken.words]
    region = Region(0, 3, 0, refined[2].end + 300)
    found = resolve(region, audio, words, [spoken_tokens(w) for w in words], refined,
                    speech_frames(audio), aligner, SphinxAligner())
    assert [d for d in found if d.kind == "not_in_audio"] == []
    assert abs(refined[2].start - spoken.words[2].start * 1000) <= 50


CALL = SHARED / "data" / "real-speech" / "pyannote_sample"


@pytest.mark.skipif(not (CALL / "sample.stm").exists(), reason="../shared real speech absent")
def test_a_phone_call_keeps_every_word_its_speakers_say(aligner):
    # A real telephone-style call (pyannote's sample, two speakers). Whisper hears "Neither
    # did I. Okay, then I thought" as "I need to design, I": paired with the transcript's
    # second "I", its "I" left "Neither did I. Okay, then" with nothing heard in its place,
    # and the room between its neighbours was too small for five words, so they were called
    # cut without asking the exact aligner. Near the end, "what can I say? Oh," was cut the
    # same way: Whisper did not hear it, and no pause lies between there and the end of the
    # audio to check it in.
    from captionkit.align import align
    from captionkit.audio import load_audio
    from captionkit.transcript import parse_transcript
    from fixtures.stm import transcript_from_stm

    text, phrases = transcript_from_stm((CALL / "sample.stm").read_text(encoding="utf-8"))
    result = align(parse_transcript(text), load_audio(CALL / "sample.wav"), aligner)
    assert [d.text for d in result.discrepancies if d.kind == "not_in_audio"] == []
    assert all(w.aligned for w in result.words)
    first = 0
    # Each phrase starts where its STM line says, give or take the STM's rough edges (its
    # maker is not documented; a collapsed phrase was 870 ms off).
    for phrase in phrases:
        assert abs(result.words[first].start - phrase.start_ms) <= 400, phrase.text
        first += len(phrase.text.split())
