"""Long stretches without timestamps are cut into parts, each part's start found by Whisper."""

from __future__ import annotations

import statistics

import numpy as np

import captionkit.align as align_module
import captionkit.align.split as split
from captionkit.align import align
from captionkit.align.normalize import spoken_tokens
from captionkit.align.spans import Span
from captionkit.audio import speech_frames
from captionkit.model import Transcript, Turn, words_of


def _plain(episode_transcript) -> Transcript:
    """The episode as one speaker's text with no timestamps: one long span."""
    text = " ".join(t.text for t in episode_transcript.turns)
    return Transcript([Turn("Speaker", text)], source="plain.txt")


def _tokens(transcript):
    return [spoken_tokens(w) for w, _, _ in words_of(transcript)]


def test_whisper_finds_the_word_near_a_guess_and_when_it_is_said(
    episode_transcript, episode_audio, aligner, truth
):
    tokens = _tokens(episode_transcript)
    ends = [w["text"].endswith((".", "?", "!")) for w in truth]
    near = len(truth) // 2
    guess = round(truth[near]["start"] * 1000) + 3_000  # a guess 3 s late
    found = split.locate(episode_audio, tokens, ends, near, guess, aligner,
                         lo_word=10, hi_word=len(truth) - 10)
    assert found is not None
    word, ms = found
    assert abs(word - near) <= 60
    assert abs(ms - truth[word]["start"] * 1000) <= 250


def test_nothing_is_found_where_the_words_are_not_said(
    episode_transcript, episode_audio, aligner, truth
):
    tokens = _tokens(episode_transcript)
    ends = [False] * len(truth)
    # The last words of the episode, looked for at its start: Whisper hears other words.
    near = len(truth) - 15
    found = split.locate(episode_audio, tokens, ends, near, 5_000, aligner,
                         lo_word=near - 20, hi_word=len(truth))
    assert found is None


def test_a_long_plain_transcript_is_cut_and_every_word_keeps_a_good_time(
    episode_transcript, episode_audio, aligner, truth, monkeypatch
):
    # The bundled episode is shorter than a span worth cutting: cut it into parts of ~25 s.
    monkeypatch.setattr(split, "SPLIT_FROM_MS", 30_000)
    monkeypatch.setattr(split, "PART_MS", 25_000)
    monkeypatch.setattr(align_module, "_workers", lambda aligner, duration: 2)
    cuts: list[list[Span]] = []
    original = split._cut

    def recorded(*args):
        parts = original(*args)
        cuts.append(parts)
        return parts

    monkeypatch.setattr(split, "_cut", recorded)
    plain = _plain(episode_transcript)
    result = align(plain, episode_audio, aligner)
    assert len(cuts) == 1 and len(cuts[0]) >= 2  # found where at least one part starts
    parts = cuts[0]
    assert parts[0].first == 0 and parts[-1].end == len(truth)
    assert all(a.end == b.first for a, b in zip(parts, parts[1:], strict=False))
    assert [w.text for w in result.words] == [w["text"] for w in truth]
    errors = [abs(w.start - t["start"] * 1000) for w, t in zip(result.words, truth, strict=True)]
    assert statistics.median(errors) <= 20
    assert max(errors) < 1000
    assert all(w.aligned for w in result.words)


def test_one_worker_or_a_short_span_is_not_cut(episode_audio, aligner):
    span = Span(0, 100, 0, 60_000)
    tokens = [["word"]] * 100
    speech = speech_frames(episode_audio)
    ends = [False] * 100
    assert split.split_long_spans([span], tokens, ends, episode_audio, speech, aligner, 1) == [
        span
    ]
    assert split.split_long_spans([span], tokens, ends, episode_audio, speech, aligner, 2) == [
        span
    ]


def test_the_guess_shares_the_speech_by_word_length():
    speech = np.zeros(1000, dtype=bool)
    speech[100:300] = True  # 2 s of speech, then silence, then 2 s more
    speech[700:900] = True
    span = Span(0, 4, 0, 10_000)
    tokens = [["aaaa"], ["bbbb"], ["cccc"], ["dddd"]]
    # Half the characters come before word 2: half the speech, the end of the first burst.
    assert abs(split._guess_ms(span, 2, tokens, speech) - 3_000) <= 20


def test_a_transcript_said_over_and_over_is_never_looked_at(
    episode_transcript, episode_audio, monkeypatch
):
    # Every phrase occurs two or three times (where one copy meets the next, too): no run
    # Whisper hears could say which time it is, so no look is spent on it (a looped script).
    looked = []
    monkeypatch.setattr(split, "locate", lambda *args, **kwargs: looked.append(args))
    tokens = _tokens(episode_transcript) * 3
    span = Span(0, len(tokens), 0, 400_000)
    speech = np.ones(40_000, dtype=bool)
    parts = split.split_long_spans([span], tokens, [False] * len(tokens), episode_audio,
                                   speech, None, 2)
    assert parts == [span] and not looked


def test_looking_stops_after_two_looks_that_find_nothing(episode_transcript, monkeypatch):
    looked = []

    def nothing(*args, **kwargs):
        looked.append(args)
        return None

    monkeypatch.setattr(split, "locate", nothing)
    tokens = _tokens(episode_transcript)
    span = Span(0, len(tokens), 0, 1_000_000)  # five parts' worth
    speech = np.ones(100_000, dtype=bool)
    parts = split.split_long_spans([span], tokens, [False] * len(tokens), None, speech, None, 2)
    assert parts == [span] and len(looked) == split.MAX_MISSES
