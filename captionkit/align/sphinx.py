"""Exact word boundaries with pocketsphinx's HMM forced alignment, one stretch of audio at a time.

pocketsphinx is told the exact word sequence (``set_align_text``) and finds where each word's
phones lie at 10 ms resolution. It needs every word in its dictionary (see ``pronounce``),
a faint noise floor instead of digital silence, and window edges inside real pauses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .grammar import Graph, Parse, parse, transitions
from .pronounce import espeak_pronunciations, letter_guess

FRAME_MS = 10
NOISE_FLOOR = 10 ** (-60 / 20)  # −60 dBFS: pocketsphinx fails on exact digital silence
# (beam, phone beam, word beam): pocketsphinx's defaults first; wider ones rescue most
# failures (FACTS.md) at some cost in time. The word beam matters most in long, fast speech.
BEAMS = ((1e-48, 1e-48, 7e-29), (1e-100, 1e-100, 1e-80))
WARM_UP_BYTES = 2 * 48_000  # 3 s of 16-bit samples
SOUND_TOKEN = "ck-sound"
"""A token for a transcript's sound description ("[laughs]"): the model's noise phone."""
SOUND_PHONES = "+NSN+"


@dataclass(frozen=True)
class TokenTiming:
    """One spoken token's place in a stretch, in ms from the stretch's start."""

    start: int
    end: int
    score: float = 0.0  # acoustic log score per 10 ms frame (higher: the sound fits better)


def _with_noise_floor(samples: np.ndarray) -> bytes:
    """16-bit PCM with a faint noise floor, the same for the same samples (deterministic runs)."""
    noise = np.random.default_rng(len(samples)).standard_normal(len(samples)).astype(np.float32)
    return (np.clip(samples + noise * NOISE_FLOOR, -1, 1) * 32767).astype("<i2").tobytes()


class SphinxAligner:
    """Forced alignment of known tokens with pocketsphinx's bundled en-US model.

    A decoder keeps some state from one stretch to the next, so results depend on what it
    aligned before: use one instance per recording for output that does not depend on the
    order recordings are processed in.
    """

    def __init__(self, options: dict[str, object] | None = None) -> None:
        """``options``: more pocketsphinx settings (``{"topn": 2}``), for measurements.

        The decoders are made on first use: a run whose stretches all go to worker processes
        (each with its own aligner) never pays for them here.
        """
        self._options = dict(options or {})
        self._made: list | None = None
        self._known: set[str] = set()
        self._initial_cmn = ""

    @property
    def _decoders(self) -> list:
        if self._made is None:
            from pocketsphinx import Decoder

            made = [
                Decoder(samprate=16000, lm=None, beam=beam, pbeam=pbeam, wbeam=wbeam,
                        loglevel="FATAL", **self._options)
                for beam, pbeam, wbeam in BEAMS
            ]
            self._initial_cmn = made[0].get_cmn()
            for decoder in made:
                # Nothing but silence and noise: a pass that always succeeds (``align_graph``).
                decoder.add_fsg("warm-up", decoder.create_fsg("warm-up", 0, 1, [(0, 1, 1.0)]))
            self._made = made
        return self._made

    def add_vocabulary(self, tokens: list[str]) -> None:
        """Give every unknown token a pronunciation (espeak-ng, else a letter guess)."""
        first = self._decoders[0]
        missing = sorted(
            {t for t in tokens if t not in self._known and first.lookup_word(t) is None}
        )
        prons = espeak_pronunciations([t for t in missing if t != SOUND_TOKEN])
        if SOUND_TOKEN in missing:
            prons[SOUND_TOKEN] = SOUND_PHONES
        for token in missing:
            phones = prons.get(token) or letter_guess(token)
            for decoder in self._decoders:
                decoder.add_word(token, phones, True)
        self._known.update(tokens)

    def align(self, samples: np.ndarray, tokens: list[str]) -> list[TokenTiming] | None:
        """Times of ``tokens`` in ``samples`` (16 kHz float), or None when no beam succeeds."""
        if not tokens or len(samples) < 1600:
            return None
        self.add_vocabulary(tokens)
        pcm = _with_noise_floor(samples)
        for decoder in self._decoders:
            timings = self._try(decoder, pcm, tokens)
            if timings is not None:
                return timings
        return None

    def log_likelihood(self, samples: np.ndarray, tokens: list[str]) -> float | None:
        """How well the tokens explain the stretch: the aligned path's total log score.

        Comparable between two token lists on the same samples (higher is better); ``None``
        when the tokens cannot be aligned at all. Costs a second, state-level pass.
        """
        if not tokens or len(samples) < 1600:
            return None
        self.add_vocabulary(tokens)
        pcm = _with_noise_floor(samples)
        for decoder in self._decoders:
            if self._try(decoder, pcm, tokens) is None:
                continue
            try:
                decoder.set_alignment()
                decoder.start_utt()
                decoder.process_raw(pcm, full_utt=True)
                decoder.end_utt()
                return float(sum(w.score for w in decoder.get_alignment().words()))
            except RuntimeError:
                return None
        return None

    def align_graph(
        self, samples: np.ndarray, graph: Graph
    ) -> tuple[Parse, list[TokenTiming]] | None:
        """Align a word graph (readings, optional neighbours; see ``grammar``) to ``samples``.

        Returns how the path went through the graph and the heard tokens' times, or None when
        no beam finds a path.
        """
        tokens = [t for readings in graph.words for r in readings for t in r]
        if not graph.main or len(samples) < 1600:
            return None
        self.add_vocabulary(tokens)
        pcm = _with_noise_floor(samples)
        arcs, final = transitions(graph)
        for decoder in self._decoders:
            try:
                fsg = decoder.create_fsg("graph", 0, final, arcs)
                decoder.add_fsg("graph", fsg)
                self._prime(decoder, pcm)
                decoder.activate_search("graph")
                decoder.start_utt()
                decoder.process_raw(pcm, full_utt=True)
                decoder.end_utt()
            except (RuntimeError, ValueError):
                continue
            if decoder.hyp() is None:
                continue
            heard = [
                (seg.word.split("(", 1)[0], _timing(seg))
                for seg in decoder.seg()
                if not seg.word.startswith(("<", "[", "+"))
            ]
            found = parse(graph, [w for w, _ in heard])
            if found is not None:
                return found, [t for _, t in heard]
        return None

    def _prime(self, decoder, pcm: bytes) -> None:
        """Start the decoder's cepstral mean from this stretch alone.

        A decoder carries its cepstral mean over from the last utterance. Starting from the
        model's own and a first pass over this stretch's start makes the result depend on this
        stretch alone, whatever was aligned before and in whichever process.
        """
        decoder.set_cmn(self._initial_cmn)
        decoder.activate_search("warm-up")
        decoder.start_utt()
        decoder.process_raw(pcm[:WARM_UP_BYTES], full_utt=True)
        decoder.end_utt()

    def _try(self, decoder, pcm: bytes, tokens: list[str]) -> list[TokenTiming] | None:
        try:
            self._prime(decoder, pcm)
            decoder.set_align_text(" ".join(tokens))
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
        except RuntimeError:
            return None
        if decoder.hyp() is None:
            return None
        out = []
        for seg in decoder.seg():
            word = seg.word.split("(", 1)[0]
            if word.startswith(("<", "[")) or word in ("<sil>",):
                continue
            out.append(_timing(seg))
        return out if len(out) == len(tokens) else None


def _timing(seg) -> TokenTiming:
    frames = max(1, seg.end_frame + 1 - seg.start_frame)
    # ``ascore`` is a likelihood, not its log; it only underflows for words over ~3 s.
    score = math.log(max(seg.ascore, 1e-300)) / frames
    return TokenTiming(seg.start_frame * FRAME_MS, (seg.end_frame + 1) * FRAME_MS, score)
