"""The whole ``align`` job as one library call: read → align → segment → write.

The CLI is a thin shell over :func:`align_files`; a script can call it the same way::

    result = align_files("ep.mp3", "ep.txt", "out/")
    print(result.paths)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import formats
from .align import BOUNDARIES, WhisperAligner, align
from .align.report import AlignmentReport
from .audio import load_audio
from .config import Config
from .errors import UsageError
from .model import Alignment, Cue, Transcript
from .output import write_all
from .profiles import resolve_profile
from .run_report import RunReport
from .segment import segment
from .segment_report import build_report
from .transcript import read_transcript

DEFAULT_FORMATS = ("vtt", "srt", "json", "words", "html")


@dataclass
class AlignResult:
    """What one run produced."""

    alignment: Alignment
    cues: list[Cue]
    paths: list[Path] = field(default_factory=list)
    report: RunReport = field(default_factory=RunReport)
    """The run's report by section (``segmentation``); printed by ``align --report``."""

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
    profile: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    config: Config | None = None,
    model: str | None = None,
    device: str = "cpu",
    input_format: str | None = None,
    speaker: str = "Speaker",
    aligner: WhisperAligner | None = None,
    prepare: Callable[[Transcript], Transcript] | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
    media_url: str | None = None,
    language: str | None = None,
    coarse: str = "auto",
    boundaries: str = "exact",
) -> AlignResult:
    """Align a transcript to its audio and write the caption files named after the audio.

    Inputs are all checked before the model loads, so bad input fails fast. ``on_start`` is
    told how many words there are; ``progress`` how many more were placed. ``prepare`` gets the
    transcript as read and returns the one to align (``captionkit batch`` renames speakers
    with it); it must keep every word. ``media_url`` and ``language`` are for the HTML page:
    where it plays the media from (default: its path relative to ``outdir``) and its ``lang``.
    ``coarse`` picks how words are first found (see :func:`captionkit.align.align`),
    ``boundaries`` where their exact times come from (``"exact"``: pocketsphinx; ``"whisper"``:
    the Whisper walk's own times, see :data:`captionkit.align.BOUNDARIES`).
    """
    if boundaries not in BOUNDARIES:
        raise ValueError(f"boundaries must be one of {', '.join(BOUNDARIES)}")
    names = parse_formats(output_formats)
    # CLI name/numbers beat the settings file, which beats the named profile (default podcast).
    prof = resolve_profile(profile, overrides, config)
    # Where the HTML page finds its media, captions and language (checked now, before the model).
    context = formats.OutputContext.for_run(
        audio_path, outdir, names, media_url=media_url, language=language
    )
    transcript = read_transcript(transcript_path, input_format=input_format, speaker=speaker)
    if prepare:
        transcript = prepare(transcript)
    audio = load_audio(audio_path)
    aligner = aligner or WhisperAligner(model, device=device)
    if on_start:
        on_start(2 * len(transcript.words))  # the aligner reports each word once per stage
    alignment = align(
        transcript, audio, aligner, progress, coarse=coarse, precise=boundaries == "exact"
    )
    cues = segment(alignment, prof)
    report = RunReport()
    report.add("alignment", AlignmentReport(alignment))
    report.add("segmentation", build_report(cues, alignment, prof))
    stem = Path(audio_path).stem
    out = Path(outdir)
    files = {}
    for name in names:
        path = out / f"{stem}{formats.WRITERS[name].EXTENSION}"
        if name == "words":  # the words file carries the run's report as its metadata
            files[path] = formats.WRITERS[name].render(cues, alignment, metadata=report.to_dict())
        else:
            files[path] = formats.render(name, cues, alignment, context=context)
    return AlignResult(alignment, cues, write_all(files), report)
