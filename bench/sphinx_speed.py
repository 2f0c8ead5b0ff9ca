"""How fast the exact aligner (pocketsphinx) can go on this machine, and what it costs to go faster.

The whole ``captionkit align`` is held to 100× real time on 2 cores. Its exact stage is
pocketsphinx's HMM forced alignment over every second of speech, so that target needs the
aligner itself above 50× real time per core, before anything else runs. This script measures,
in one process on one core, on the clean synthesized episode (``bench/episodes.py``, ~5 min,
three voices, exact truth):

* the exact stage as captionkit runs it (every turn's stretch from its timestamp, walked in
  pieces with optional neighbours, ``align.spans``): its speed, how much audio it decodes
  against the recording's length (pieces overlap), and its median word-start error;
* the same with pocketsphinx settings that trade accuracy for speed (fewer Gaussians per
  frame, frame skipping, a smaller HMM budget, no filler words);
* the floor: the same windows decoded with a grammar of silence alone (features and the
  silence model, no words), which no setting gets below.

Usage: ``python bench/sphinx_speed.py``.
"""

from __future__ import annotations

import statistics
import time

import episodes as eps
import numpy as np
from report import markdown_table, update_section
from rich.console import Console
from rich.table import Table

from captionkit.align import SphinxAligner
from captionkit.align import sphinx as sphinx_module
from captionkit.align.normalize import spoken_readings
from captionkit.align.plan import trusted_anchors
from captionkit.align.spans import make_job, plan_spans, run_job
from captionkit.audio import Audio, speech_frames
from captionkit.model import words_of
from captionkit.transcript import parse_transcript

VARIANTS: list[tuple[str, dict[str, object]]] = [
    ("as shipped", {}),
    ("topn 2 (Gaussians scored per frame; default 4)", {"topn": 2}),
    ("ds 2 (score every other frame)", {"ds": 2}),
    ("maxhmmpf 3000 (HMMs per frame; default 30000)", {"maxhmmpf": 3000}),
    ("no filler words between words", {"fsgusefiller": False}),
]


def exact_stage(ep: eps.Episode, options: dict[str, object]) -> dict[str, float]:
    """Run every span in this process; seconds, audio decoded, median start error (ms)."""
    audio = Audio(ep.audio.astype(np.float32) / 32768)
    transcript = parse_transcript(eps.transcript_text(ep, "accurate"))
    items = words_of(transcript)
    anchors, _ = trusted_anchors(transcript, audio.duration_ms)
    readings = [spoken_readings(w) for w, _, _ in items]
    speech = speech_frames(audio)
    spans = plan_spans([t for _, _, t in items], anchors, audio.duration_ms)
    aligner = SphinxAligner(options)
    decoded = 0.0
    original = aligner.align_graph

    def counted(samples, graph):
        nonlocal decoded
        decoded += len(samples) / 16000
        return original(samples, graph)

    aligner.align_graph = counted  # type: ignore[method-assign]
    began = time.perf_counter()
    pieces = [p for span in spans for p in run_job(make_job(span, readings, audio, speech),
                                                   aligner)]
    seconds = time.perf_counter() - began
    errors = [
        abs(times[0] - ep.words[p.span.first + k].start * 1000)
        for p in pieces
        for k, times in enumerate(p.times)
        if times is not None and ep.words[p.span.first + k].start is not None
    ]
    return {
        "seconds": seconds,
        "speed": ep.duration / seconds,
        "decoded": decoded / ep.duration,
        "median": statistics.median(errors),
        "placed": len(errors) / len(items),
    }


def silence_floor(ep: eps.Episode) -> float:
    """× real time of decoding the whole recording in 20 s windows against silence alone."""
    from pocketsphinx import Decoder

    decoder = Decoder(samprate=16000, lm=None, loglevel="FATAL")
    decoder.add_fsg("silence", decoder.create_fsg("silence", 0, 1, [(0, 1, 1.0)]))
    decoder.activate_search("silence")
    samples = ep.audio.astype(np.float32) / 32768
    step = 20 * 16000
    began = time.perf_counter()
    for at in range(0, len(samples), step):
        window = samples[at:at + step]
        if len(window) < 1600:
            continue
        decoder.start_utt()
        decoder.process_raw(sphinx_module._with_noise_floor(window), full_utt=True)
        decoder.end_utt()
    return ep.duration / (time.perf_counter() - began)


COLUMNS = ["pocketsphinx settings", "× real time, 1 core", "audio decoded / recording",
           "median start error (ms)", "words placed"]


def main() -> None:
    ep = eps.cached(eps.clean_episode)
    rows = []
    results = {}
    for label, options in VARIANTS:
        r = exact_stage(ep, options)
        results[label] = r
        rows.append([label, f"{r['speed']:.0f}×", f"{r['decoded']:.2f}", f"{r['median']:.1f}",
                     f"{100 * r['placed']:.0f} %"])
    floor = silence_floor(ep)
    rows.append(["silence alone (no words: the floor)", f"{floor:.0f}×", "1.00", "—", "—"])
    table = Table(*COLUMNS, title=f"Exact stage on {ep.duration / 60:.1f} min, one core")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    shipped = results["as shipped"]
    ceiling = 2 * shipped["speed"]
    fastest = max((label for label in results if label != "as shipped"),
                  key=lambda label: results[label]["speed"])
    gain = results[fastest]["speed"] / shipped["speed"] - 1
    verdict = ("cannot reach 100× with this acoustic model on 2 cores" if ceiling < 100
               else "could reach 100× only if nothing else took any time")
    notes = [
        f"- The exact stage as shipped runs at {shipped['speed']:.0f}× real time on one core, "
        f"decoding {shipped['decoded']:.2f}× the recording's length (pieces and their "
        f"neighbours overlap). Two cores and nothing else would give about {ceiling:.0f}×: "
        "the whole `captionkit align` (decoding the file, segmentation, writing, Whisper where "
        f"a stretch needs it) {verdict}.",
        f"- Decoding against silence alone runs at {floor:.0f}× real time: the cost is the "
        "search through the words' HMMs, not reading the audio.",
        f"- The fastest other setting, {fastest}, is {100 * gain:+.0f} % against the shipped "
        f"one, at a median start error of {results[fastest]['median']:.1f} ms (shipped "
        f"{shipped['median']:.1f} ms) with {100 * results[fastest]['placed']:.0f} % of the "
        "words placed.",
    ]
    Console().print(*notes, sep="\n")
    update_section("sphinx-speed", "\n".join([
        "## How fast the exact aligner can go (`bench/sphinx_speed.py`)",
        "",
        f"The exact stage alone, in one process on one core, on the clean synthesized episode "
        f"({ep.duration / 60:.1f} min, 3 voices, exact truth), with pocketsphinx's bundled "
        "en-US model; one run of each setting. The median start error is over the words the "
        "exact stage placed (the rest go to the robust path).",
        "",
        *markdown_table(COLUMNS, rows),
        "",
        *notes,
    ]))


if __name__ == "__main__":
    main()
