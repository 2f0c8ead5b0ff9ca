"""The fast path: whole turns aligned exactly from their timestamps, Whisper only where needed."""

from __future__ import annotations

import dataclasses
import statistics

import numpy as np
import pytest

from captionkit.align import align
from captionkit.align.grammar import Graph
from captionkit.align.normalize import spoken_readings
from captionkit.align.plan import trusted_anchors
from captionkit.align.pool import run_jobs
from captionkit.align.spans import BAD_FIT, Span, align_span, fitting, make_job, plan_spans
from captionkit.audio import speech_frames
from captionkit.model import Transcript, Turn


@pytest.fixture(scope="module")
def sphinx():
    from captionkit.align import SphinxAligner

    return SphinxAligner()


@pytest.fixture(scope="module")
def readings(truth):
    return [spoken_readings(w["text"]) for w in truth]


@pytest.fixture(scope="module")
def speech(episode_audio):
    return speech_frames(episode_audio)


def _turn(truth, turn):
    idx = [i for i, w in enumerate(truth) if w["turn"] == turn]
    return idx[0], idx[-1] + 1


def test_a_turn_is_found_from_a_rough_timestamp_with_its_neighbours_optional(
    episode_audio, truth, readings, speech, sphinx
):
    first, end = _turn(truth, 3)
    # Timestamps as transcripts write them: whole seconds, the next turn's too.
    anchor = int(truth[first]["start"]) * 1000
    span = Span(first, end, anchor - 1000, int(truth[end]["start"]) * 1000 + 2000, anchor)
    pieces = align_span(episode_audio, span, readings, speech, sphinx)
    assert [(p.span.first, p.span.end) for p in pieces] == [(first, end)]
    errors = [
        abs(t[0] - truth[first + k]["start"] * 1000)
        for k, t in enumerate(pieces[0].times)
        if t is not None
    ]
    assert len(errors) == end - first
    assert statistics.median(errors) <= 20
    assert max(errors) < 150


def test_a_number_said_another_way_still_aligns(episode_audio, truth, sphinx):
    # The synthesizer says "2019" as "two thousand nineteen", not the year reading.
    year = next(i for i, w in enumerate(truth) if w["text"].startswith("2019"))
    first, end = year - 6, year + 8
    samples = episode_audio.slice(
        int(truth[first]["start"] * 1000) - 150, int(truth[end - 1]["end"] * 1000) + 150
    )
    texts = [w["text"] for w in truth[first:end]]
    found = sphinx.align_graph(samples, Graph([], [spoken_readings(w) for w in texts], []))
    assert found is not None
    parsed, tokens = found
    a, b = parsed.spans[year - first]
    assert b - a == 3  # "two thousand nineteen" was chosen over "twenty nineteen"
    offset = int(truth[first]["start"] * 1000) - 150
    start = offset + tokens[a].start
    assert abs(start - truth[year]["start"] * 1000) <= 50


def test_words_forced_onto_another_turn_do_not_fit(episode_audio, truth, readings, speech, sphinx):
    # Turn 4's words looked for where turn 1 was said, as a timestamp far off would do.
    wrong_first, wrong_end = _turn(truth, 4)
    first, end = _turn(truth, 1)
    window = Span(
        wrong_first, wrong_end, int(truth[first]["start"] * 1000) - 500,
        int(truth[end - 1]["end"] * 1000) + 500,
    )
    wrong = align_span(episode_audio, window, readings, speech, sphinx)
    right = align_span(
        episode_audio, dataclasses.replace(window, first=first, end=end), readings, speech, sphinx
    )
    assert right and right[0].fit > BAD_FIT
    speakers = [w["speaker"] for w in truth]
    assert speakers[wrong_first] == speakers[first]  # the same voice, other words
    assert fitting(wrong + right, speakers) == right


def test_plan_covers_every_word_once():
    turns = [0, 0, 1, 1, 1, 2, 3, 3]
    spans = plan_spans(turns, {1: 5_000, 3: 20_000}, 30_000)
    covered = [i for s in spans for i in range(s.first, s.end)]
    assert covered == list(range(len(turns)))
    assert spans[0].anchor_ms is None and spans[0].start_ms == 0


def test_workers_give_the_same_times_as_one_process(
    episode_transcript, episode_audio, truth, readings, speech, sphinx
):
    anchors, _ = trusted_anchors(episode_transcript, episode_audio.duration_ms)
    spans = plan_spans([w["turn"] for w in truth], anchors, episode_audio.duration_ms)
    assert len(spans) > 5

    def cut(span):
        return make_job(span, readings, episode_audio, speech)

    one = run_jobs(spans, cut, sphinx, 1)
    two = run_jobs(spans, cut, sphinx, 2)
    assert len(one) == len(spans) and one == two
    assert all(one)  # every span placed words: equal because both worked, not both empty


def test_timestamps_ten_seconds_off_still_give_every_word_a_good_time(
    episode_transcript, episode_audio, aligner, truth
):
    rng = np.random.default_rng(3)
    turns = [
        dataclasses.replace(t, start=max(0, t.start + int(rng.choice([-10_000, 10_000]))))
        if t.start else t
        for t in episode_transcript.turns
    ]
    shifted = Transcript(turns, source="shifted.txt")
    result = align(shifted, episode_audio, aligner)
    assert [w.text for w in result.words] == [w["text"] for w in truth]
    errors = [abs(w.start - t["start"] * 1000) for w, t in zip(result.words, truth, strict=True)]
    assert statistics.median(errors) <= 30
    assert sum(e > 1000 for e in errors) == 0


def test_whisper_first_is_still_available(episode_transcript, episode_audio, aligner, truth):
    result = align(episode_transcript, episode_audio, aligner, coarse="whisper")
    errors = [abs(w.start - t["start"] * 1000) for w, t in zip(result.words, truth, strict=True)]
    assert statistics.median(errors) <= 30
    with pytest.raises(ValueError):
        align(episode_transcript, episode_audio, aligner, coarse="guess")


def test_confidence_ranks_the_worst_words_lowest(episode_alignment, truth):
    words = episode_alignment.words
    errors = np.array([abs(w.start - t["start"] * 1000) for w, t in zip(words, truth, strict=True)])
    confidence = np.array([w.confidence for w in words])
    low = confidence <= np.percentile(confidence, 10)
    assert errors[low].mean() > errors[~low].mean()


def test_plain_text_is_walked_without_timestamps(episode_audio, aligner, truth):
    plain = Transcript([Turn("Speaker", " ".join(w["text"] for w in truth))])
    result = align(plain, episode_audio, aligner)
    errors = [abs(w.start - t["start"] * 1000) for w, t in zip(result.words, truth, strict=True)]
    assert statistics.median(errors) <= 30
    assert sum(e > 1000 for e in errors) == 0


def _jobs_in_a_daemon(spans, cut, queue):
    from captionkit.align import SphinxAligner

    queue.put(run_jobs(spans, cut, SphinxAligner(), 2))


def test_workers_inside_a_daemonic_process_run_in_it(
    episode_transcript, episode_audio, truth, readings, speech, sphinx
):
    # Dask runs jobs in daemonic processes, which may not start processes of their own.
    import multiprocessing

    anchors, _ = trusted_anchors(episode_transcript, episode_audio.duration_ms)
    spans = plan_spans([w["turn"] for w in truth], anchors, episode_audio.duration_ms)[:3]

    def cut(span):
        return make_job(span, readings, episode_audio, speech)

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_jobs_in_a_daemon, args=(spans, cut, queue), daemon=True)
    worker.start()
    found = queue.get(timeout=120)
    worker.join(30)
    assert worker.exitcode == 0
    assert found == run_jobs(spans, cut, sphinx, 1)


@pytest.mark.parametrize("back_ms", [None, 0], ids=["as built", "without"])
def test_a_window_opening_on_the_last_word_of_the_turn_before_starts_in_the_pause(
    episode_audio, truth, readings, speech, sphinx, monkeypatch, back_ms
):
    # A timestamp a second early puts the window's start on the tail of the previous turn's
    # last word; the aligner must not hand that tail to this turn's first word.
    import captionkit.align.spans as spans

    if back_ms is not None:  # neither a pause before the cut word nor before the turn
        monkeypatch.setattr(spans, "BACK_MS", back_ms)
        monkeypatch.setattr(spans, "TURN_SLACK_MS", -10**9)
    errors = []
    for turn in sorted({w["turn"] for w in truth})[1:]:
        first, end = _turn(truth, turn)
        tail = int(truth[first - 1]["end"] * 1000) - 250
        span = Span(first, end, tail, int(truth[end - 1]["end"] * 1000) + 1500, tail + 1000)
        pieces = align_span(episode_audio, span, readings, speech, sphinx)
        assert pieces and pieces[0].span.first == first
        errors.append(abs(pieces[0].times[0][0] - truth[first]["start"] * 1000))
    if back_ms is None:
        # A window opened in a long pause can still start its first word early (one turn
        # here, by about a third of a second), never by the cut word's tail and more.
        assert sum(e > 60 for e in errors) <= 1 and max(errors) < 500, str(errors)
    else:  # without the rule the first word takes the cut word's tail: a second early
        assert max(errors) > 900, str(errors)
