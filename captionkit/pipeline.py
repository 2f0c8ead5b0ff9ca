"""The whole ``align`` job as one library call: read → align → segment → write.

The CLI is a thin shell over :func:`align_files`; a script can call it the same way::

    result = align_files("ep.mp3", "ep.txt", "out/")
    print(result.paths)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import formats
from .align import WhisperAligner, align
from .audio import load_audio
from .errors import UsageError
from .model import Alignment, Cue
from .output import write_all
from .profiles import get_profile
from .segment import segment
from .transcript import read_transcript

DEFAULT_FORMATS = ("vtt", "srt", "json", "words")


@dataclass
class AlignResult:
    """What one run produced."""

    alignment: Alignment
    cues: list[Cue]
    paths: list[Path] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.alignment.transcript.warnings + self.alignment.warnings


def parse_formats(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``"vtt,srt"`` → ``("vtt", "srt")``, checked against the writers we have.

    >>> parse_formats("vtt, srt")
    ('vtt', 'srt')
    """
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    unknown = [n for n in names if n not in formats.WRITERS]
    if unknown or not names:
        raise UsageError(
            f"unknown output format {', '.join(unknown) or '(none)'}; choose from"
            f" {', '.join(formats.WRITERS)}"
        )
    return tuple(dict.fromkeys(names))


def align_files(
    audio_path: str | os.PathLike[str],
    transcript_path: str | os.PathLike[str],
    outdir: str | os.PathLike[str] = ".",
    *,
    output_formats: str | tuple[str, ...] = DEFAULT_FORMATS,
    profile: str = "podcast",
    model: str | None = None,
    device: str = "cpu",
    input_format: str | None = None,
    speaker: str = "Speaker",
    aligner: WhisperAligner | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AlignResult:
    """Align a transcript to its audio and write the caption files named after the audio.

    Inputs are all checked before the model loads, so bad input fails fast. ``on_start`` is
    told how many words there are; ``progress`` how many more were placed.
    """
    names = parse_formats(output_formats)
    prof = get_profile(profile)
    transcript = read_transcript(transcript_path, input_format=input_format, speaker=speaker)
    audio = load_audio(audio_path)
    aligner = aligner or WhisperAligner(model, device=device)
    if on_start:
        on_start(len(transcript.words))
    alignment = align(transcript, audio, aligner, progress)
    cues = segment(alignment, prof)
    stem = Path(audio_path).stem
    out = Path(outdir)
    files = {
        out / f"{stem}{formats.WRITERS[n].EXTENSION}": formats.render(n, cues, alignment)
        for n in names
    }
    return AlignResult(alignment, cues, write_all(files))
