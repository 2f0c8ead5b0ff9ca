"""``captionkit align``: transcript + audio → caption files."""

from __future__ import annotations

import click

from ..align import BOUNDARIES, COARSE
from ..config import find_config
from ..pipeline import DEFAULT_FORMATS, align_files
from .common import errors_exit, progress_bar
from .offline import offline_only
from .profile_options import profile_options

ALIGN_EXAMPLE = """
\b
Example:
  captionkit align episode.mp3 episode.txt -o captions/
  → captions/episode.vtt, episode.srt, episode.json, episode.words.json, episode.html
"""


@click.command(epilog=ALIGN_EXAMPLE)
@click.argument("audio", type=click.Path(dir_okay=False))
@click.argument("transcript", type=click.Path(dir_okay=False))
@click.option("-o", "--outdir", default=".", show_default=True, help="Folder for the outputs.")
@click.option(
    "--formats",
    "output_formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    help="Comma-separated outputs: vtt, srt, json (Podcasting 2.0), words (word timings),"
    " html (accessible transcript page).",
)
@click.option(
    "--profile",
    default=None,
    help="Caption style profile: podcast, netflix, bbc, dcmp, cea608"
    " [default: from captionkit.toml / pyproject.toml, else podcast].",
)
@profile_options
@click.option(
    "--report", is_flag=True, help="Print the run's report (cues, rule findings, reading speed)."
)
@click.option(
    "--model",
    default=None,
    help="faster-whisper model name or local CTranslate2 folder [default: bundled tiny.en].",
)
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True)
@click.option(
    "--offline",
    is_flag=True,
    help="Never use the network: a --model name must already be in the local cache.",
)
@click.option(
    "--input-format",
    type=click.Choice(["podcast", "labelled", "plain", "captions"]),
    default=None,
    help="Transcript format [default: detected from the content].",
)
@click.option("--speaker", default="Speaker", show_default=True, help="Name for plain text.")
@click.option(
    "--media-url",
    default=None,
    help="URL the HTML page plays the media from [default: its path relative to OUTDIR].",
)
@click.option(
    "--language", default=None, help="BCP 47 language of the transcript, e.g. en-GB [default: en]."
)
@click.option(
    "--coarse",
    type=click.Choice(COARSE),
    default="auto",
    show_default=True,
    help="How words are first found. auto: exact alignment straight from the turn timestamps,"
    " Whisper only where that cannot be trusted; whisper: Whisper walks the whole audio first"
    " (slower).",
)
@click.option(
    "--boundaries",
    type=click.Choice(BOUNDARIES),
    default="exact",
    show_default=True,
    help="Where word times come from. exact: pocketsphinx forced alignment inside what the"
    " first stage found (about 10 ms), with cut and added speech reported; whisper: Whisper's"
    " own times (about 100 ms), no discrepancy report.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def align(
    audio: str,
    transcript: str,
    outdir: str,
    output_formats: str,
    profile: str | None,
    overrides: dict[str, str],
    report: bool,
    model: str | None,
    device: str,
    offline: bool,
    input_format: str | None,
    speaker: str,
    media_url: str | None,
    language: str | None,
    coarse: str,
    boundaries: str,
    quiet: bool,
) -> None:
    """Force-align TRANSCRIPT to AUDIO and write captions named after the audio file."""
    with errors_exit(), offline_only(offline, model), progress_bar(quiet) as (on_start, advance):
        result = align_files(
            audio,
            transcript,
            outdir,
            output_formats=output_formats,
            profile=profile,
            overrides=overrides,
            config=find_config(),
            model=model,
            device=device,
            input_format=input_format,
            speaker=speaker,
            media_url=media_url,
            language=language,
            coarse=coarse,
            boundaries=boundaries,
            on_start=on_start,
            progress=advance,
        )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        words = result.alignment.words
        unaligned = sum(not w.aligned for w in words)
        click.echo(
            f"{len(words)} words ({unaligned} interpolated), {len(result.cues)} cues,"
            f" {len(result.alignment.transcript.speakers)} speakers"
        )
        for path in result.paths:
            click.echo(f"wrote {path}")
    if report:
        result.report.print()
