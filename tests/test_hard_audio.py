"""Robustness on an edited episode: the audio and the transcript disagree, words stay on time.

A ~45 s two-speaker episode is synthesized with exact word truth (``bench/episodes.py``), then
edited: one sentence is cut from the audio but kept in the transcript, and 10 s of other
speech (an ad read in another voice) is inserted that the transcript never mentions. The full
benchmark of the same checks on long, noisy episodes is ``bench/hard_audio.py``.
"""

from __future__ import annotations

import statistics

import pytest

from bench.episodes import Episode, small_episode, transcript_text, write_wav
from captionkit.align import SphinxAligner, align
from captionkit.audio import load_audio
from captionkit.model import Alignment
from captionkit.transcript import read_transcript
from fixtures.synth import espeak_available

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")


@pytest.fixture(scope="module")
def episode() -> Episode:
    return small_episode(seed=5)


@pytest.fixture(scope="module", params=["accurate", "absent"],
                ids=["turn times to the second", "no turn times"])
def files(episode, tmp_path_factory, request):
    """The episode's audio and its podcast-format transcript: turn times to the second, or
    none at all (the walk then starts from the audio's start)."""
    folder = tmp_path_factory.mktemp("edited")
    wav, text = folder / "edited.wav", folder / "edited.txt"
    write_wav(wav, episode.audio)
    text.write_text(transcript_text(episode, request.param))
    return wav, text


@pytest.fixture(scope="module")
def alignment(files, aligner) -> Alignment:
    wav, text = files
    return align(read_transcript(text), load_audio(wav), aligner, sphinx=SphinxAligner())


def start_errors_ms(episode: Episode, alignment: Alignment) -> list[float]:
    """Start errors of the transcript words that are really in the audio."""
    return [abs(w.start - t.start * 1000)
            for w, t in zip(alignment.words, episode.words, strict=True) if t.start is not None]


def test_the_episode_really_is_edited(episode):
    # Guards the test itself: a cut sentence and inserted speech must exist to be found.
    assert 6 <= len(episode.cut) <= 20
    ad = [s for s in episode.extras if s.label == "ad"]
    assert len(ad) == 1 and 9.0 <= ad[0].end - ad[0].start <= 10.5
    assert 30 <= episode.duration <= 50


def test_every_transcript_word_appears_once_in_order(episode, alignment):
    assert [w.text for w in alignment.words] == [w.text for w in episode.words]
    starts = [w.start for w in alignment.words]
    assert starts == sorted(starts)
    assert all(0 <= w.start <= w.end <= alignment.duration for w in alignment.words)
    # Two words never claim the same sound (cut words take no time: 1 ms, side by side).
    pairs = zip(alignment.words, alignment.words[1:], strict=False)
    overlapping = [(a.text, b.text) for a, b in pairs if a.end > b.start and a.end - a.start > 1]
    assert overlapping == []


def test_spoken_words_stay_on_time_around_the_edits(episode, alignment):
    errors = start_errors_ms(episode, alignment)
    assert statistics.median(errors) <= 50
    late = [(w.text, round(e)) for w, e in zip(
        [w for w, t in zip(alignment.words, episode.words, strict=True) if t.start is not None],
        errors, strict=True) if e > 1000]
    assert late == [], "words more than 1 s off (inserted speech shifted its neighbours?)"


def test_spoken_words_are_not_reported_missing(episode, alignment):
    flagged = {
        i for d in alignment.discrepancies if d.kind == "not_in_audio" and d.first_word is not None
        for i in range(d.first_word, d.first_word + d.word_count)
    }
    spoken = {i for i, w in enumerate(episode.words) if w.start is not None}
    assert not flagged & spoken


def test_sentence_cut_from_the_audio_is_reported(episode, alignment):
    flagged = {
        i for d in alignment.discrepancies if d.kind == "not_in_audio" and d.first_word is not None
        for i in range(d.first_word, d.first_word + d.word_count)
    }
    missed = [alignment.words[i].text for i in episode.cut
              if i not in flagged and alignment.words[i].aligned]
    assert missed == [], "cut words presented as if they were heard"


def test_speech_missing_from_the_transcript_is_reported(episode, alignment):
    (ad,) = [s for s in episode.extras if s.label == "ad"]
    covered = 0.0
    for d in alignment.discrepancies:
        if d.kind == "not_in_transcript":
            covered += max(0.0, min(d.end / 1000, ad.end) - max(d.start / 1000, ad.start))
    assert covered >= 0.5 * (ad.end - ad.start)
