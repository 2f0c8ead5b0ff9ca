"""Bad input through the real command line: a clear one-line error or a correct result, never a
traceback, a lost word or a half-written file.

Each case runs ``python -m captionkit align AUDIO TRANSCRIPT -o OUT`` as a subprocess. Text
cases live in ``tests/bad/``; encodings, binary data and broken audio are made here from a
6.4 s clip of the bundled episode, so the corpus stays small and readable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import EPISODE_AUDIO, EPISODE_TEXT, needs_ffmpeg

BAD = Path(__file__).parent / "bad"
CLIP_SECONDS = 6.4
CLIP_TEXT = (
    "Siobhán O’Hara [00:00:00] Welcome back to Field Notes from the Estuary. "
    "I’m Siobhán O’Hara, and today we are talking about eels,\n"
)
CLIP_WORDS = CLIP_TEXT.split("] ", 1)[1].split()
OUTPUTS = ("vtt", "srt", "json", "words.json", "html")

pytestmark = needs_ffmpeg


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Path:
    """The clip, and broken or odd audio made from it (one folder, built once)."""
    return make_media(tmp_path_factory.mktemp("media"))


def make_media(d: Path) -> Path:
    """Write the clip and the audio cases made from it into ``d`` (bench/bad_input.py too)."""
    ffmpeg("-i", str(EPISODE_AUDIO), "-t", str(CLIP_SECONDS), str(d / "clip.wav"))
    ffmpeg("-i", str(d / "clip.wav"), "-b:a", "64k", str(d / "clip.mp3"))
    wav, mp3 = (d / "clip.wav").read_bytes(), (d / "clip.mp3").read_bytes()
    # Cut off in the middle (a download that stopped): the headers promise more than is there.
    (d / "truncated.wav").write_bytes(wav[: len(wav) // 2])
    (d / "truncated.mp3").write_bytes(mp3[: len(mp3) // 2])
    # Valid-looking starts followed by noise: nothing an audio decoder can use.
    rng = __import__("random").Random(8)
    noise = bytes(rng.randrange(256) for _ in range(20_000))
    (d / "corrupt.wav").write_bytes(b"RIFF\x24\x00\x01\x00WAVEfmt \x10\x00\x00\x00" + noise)
    (d / "corrupt.mp3").write_bytes(b"\xff\xfb\x90\x64" + noise)
    with wave.open(str(d / "zero.wav"), "wb") as empty:  # a valid header and no samples
        empty.setnchannels(1)
        empty.setsampwidth(2)
        empty.setframerate(16000)
    (d / "empty.mp3").write_bytes(b"")
    ffmpeg("-f", "lavfi", "-i", f"anullsrc=r=16000:cl=mono:d={CLIP_SECONDS}",
           "-c:a", "pcm_s16le", str(d / "silence.wav"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=2", "-an",
           "-c:v", "mpeg4", str(d / "no-audio.mp4"))
    ffmpeg("-i", str(EPISODE_AUDIO), "-t", "30", str(d / "first30.wav"))
    return d


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    out: Path

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.proc.stderr.splitlines() if line.strip()]

    def words(self, stem: str) -> list[dict]:
        return json.loads((self.out / f"{stem}.words.json").read_text())["words"]

    def metadata(self, stem: str) -> dict:
        return json.loads((self.out / f"{stem}.words.json").read_text())["metadata"]


def align(audio: Path, transcript: Path, out: Path, *extra: str, timeout: float = 300) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "captionkit", "align", str(audio), str(transcript),
         "-o", str(out), "--quiet", *extra],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "CI": "1"},
    )
    return Run(proc, out)


def assert_rejected(run: Run, named: Path, *problem: str) -> None:
    """Exit 2, one stderr line naming the file and the problem, nothing left in OUT."""
    assert run.proc.returncode == 2, run.proc.stderr
    assert "Traceback" not in run.proc.stderr
    (line,) = run.stderr_lines
    assert str(named) in line
    for part in problem:
        assert part in line, line
    leftovers = [p.name for p in run.out.rglob("*")] if run.out.exists() else []
    assert leftovers == [], "a failed run left files (partial or .part) behind"


def assert_complete(run: Run, stem: str, words: list[str]) -> list[dict]:
    """Exit 0, every output written, every word once and in order; returns the word list."""
    assert run.proc.returncode == 0, run.proc.stderr
    assert "Traceback" not in run.proc.stderr
    assert sorted(p.name for p in run.out.iterdir()) == sorted(f"{stem}.{e}" for e in OUTPUTS)
    listed = run.words(stem)
    assert [w["text"] for w in listed] == words
    starts = [w["start"] for w in listed]
    assert starts == sorted(starts)
    return listed


def warnings_of(run: Run) -> list[str]:
    lines = run.stderr_lines
    assert all(line.startswith("warning: ") for line in lines), lines
    return lines


# --- transcripts that cannot be used: exit 2 -----------------------------------------------------

REJECTED_TRANSCRIPTS = {
    "empty transcript": ("empty.txt", ["no transcript text found"]),
    "title only": ("title-only.txt", [":1:", "found a title", "but no turns"]),
    "malformed timestamp": ("bad-timestamp.txt", [":2:", "[00:61:00]", "minutes must be 0-59"]),
    "speaker line with no text": ("no-text-turn.txt", [":2:", "Jean-Luc Moreau has no text"]),
}


@pytest.mark.parametrize("case", sorted(REJECTED_TRANSCRIPTS))
def test_unusable_transcript_is_refused(case, media, tmp_path):
    name, problem = REJECTED_TRANSCRIPTS[case]
    run = align(media / "clip.wav", BAD / name, tmp_path / "out")
    assert_rejected(run, BAD / name, *problem)


def test_binary_garbage_transcript_is_refused(media, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 16)
    assert_rejected(align(media / "clip.wav", path, tmp_path / "out"), path, "is it a binary file?")


def test_utf16_without_a_bom_is_refused_naming_the_encoding(media, tmp_path):
    path = tmp_path / "utf16le.txt"
    path.write_bytes(CLIP_TEXT.encode("utf-16-le"))
    run = align(media / "clip.wav", path, tmp_path / "out")
    assert_rejected(run, path, "not a text transcript", "UTF-16 file needs a byte-order mark")


# --- transcripts that can be used: exit 0, the right words --------------------------------------


# (case, how the clip's transcript is encoded, the warning it gives or None)
ENCODINGS = [
    ("utf-16 with BOM", lambda t: t.encode("utf-16"), None),
    ("utf-8 with BOM", lambda t: t.encode("utf-8-sig"), None),
    ("cp1252", lambda t: t.encode("cp1252"), "read as cp1252"),
    ("CRLF", lambda t: t.replace("\n", "\r\n").encode(), None),
    # A title, a blank line and the turn, ended three different ways.
    ("mixed newlines", lambda t: ("Episode 7\r\n\rTranscript\n" + t).encode(), None),
]

# Corpus files that can be used: every word kept, and a warning line holding these parts.
KEPT_TRANSCRIPTS = {
    "timestamps out of order": ("out-of-order.txt", [":2:", "earlier than the previous"]),
    "timestamp past the audio's end": ("beyond-end.txt", ["00:05:00", "is past the audio's end"]),
    "'-->' and blank lines in SRT text": ("arrow-and-blank.srt", []),
    "'-->' and blank lines in VTT text": ("arrow-and-blank.vtt", []),
}


def test_every_corpus_file_has_one_expected_outcome():
    tables = [name for name, _ in (*REJECTED_TRANSCRIPTS.values(), *KEPT_TRANSCRIPTS.values())]
    assert sorted(tables) == sorted(p.name for p in BAD.iterdir())


@pytest.mark.parametrize(("case", "encode", "warning"), ENCODINGS)
def test_encodings_and_newlines_give_the_same_words(case, encode, warning, media, tmp_path):
    path = tmp_path / "transcript.txt"
    path.write_bytes(encode(CLIP_TEXT))
    run = align(media / "clip.wav", path, tmp_path / "out")
    listed = assert_complete(run, "clip", CLIP_WORDS)
    assert [w["speaker"] for w in listed] == ["Siobhán O’Hara"] * len(CLIP_WORDS)
    found = warnings_of(run)
    if warning:
        assert len(found) == 1 and str(path) in found[0] and warning in found[0]
    else:
        assert found == []


def test_timestamps_out_of_order_warn_and_keep_every_word(media, tmp_path):
    name, parts = KEPT_TRANSCRIPTS["timestamps out of order"]
    run = align(media / "clip.wav", BAD / name, tmp_path / "out")
    assert_complete(run, "clip", CLIP_WORDS)
    (found,) = warnings_of(run)
    assert f"{BAD / name}:2:" in found and all(part in found for part in parts)


def test_timestamp_beyond_the_audio_warns_and_keeps_every_word(media, tmp_path):
    name, parts = KEPT_TRANSCRIPTS["timestamp past the audio's end"]
    run = align(media / "clip.wav", BAD / name, tmp_path / "out")
    assert_complete(run, "clip", CLIP_WORDS)
    found = warnings_of(run)
    assert any(all(part in w for part in parts) for w in found), found


@pytest.mark.parametrize("name", ["arrow-and-blank.srt", "arrow-and-blank.vtt"])
def test_arrows_and_blank_lines_inside_caption_text_keep_every_word(name, media, tmp_path):
    # "-->" in cue text and blank lines inside a cue: webvtt-py alone drops these words.
    run = align(media / "clip.wav", BAD / name, tmp_path / "out")
    words = CLIP_WORDS[:4] + ["-->"] + CLIP_WORDS[4:]
    assert_complete(run, "clip", words)
    vtt = (tmp_path / "out" / "clip.vtt").read_text()
    arrows = [line for line in vtt.splitlines() if "-->" in line]
    assert all(line[:2].isdigit() for line in arrows), "cue text wrote a timing-like line"


def test_a_megabyte_on_one_line_is_read_quickly_with_every_word(tmp_path):
    from captionkit.transcript import read_transcript

    sentence = " ".join(CLIP_WORDS) + " "
    text = (sentence * (1_000_000 // len(sentence.encode()) + 1)).strip()
    path = tmp_path / "one-line.txt"
    path.write_text(text)
    began = time.monotonic()
    transcript = read_transcript(path)
    assert time.monotonic() - began < 30
    assert transcript.words == text.split()


def test_a_megabyte_on_one_line_finishes_with_every_word(media, tmp_path):
    sentence = " ".join(CLIP_WORDS) + " "
    text = (sentence * (1_000_000 // len(sentence.encode()) + 1)).strip()
    path = tmp_path / "one-line.txt"
    path.write_text(text)
    assert "\n" not in text and len(text.encode()) >= 1_000_000
    began = time.monotonic()
    run = align(media / "clip.wav", path, tmp_path / "out", "--formats", "words", timeout=600)
    assert run.proc.returncode == 0, run.proc.stderr
    # Words past the audio's end are interpolated and flagged, not aligned a few at a time.
    assert time.monotonic() - began < 180
    words = run.words("clip")
    assert [w["text"] for w in words] == text.split()
    assert sum(not w["aligned"] for w in words) > 0.9 * len(words)


# --- audio ---------------------------------------------------------------------------------------

REJECTED_AUDIO = {
    "zero-length wav": ("zero.wav", ["zero length"]),
    "empty file": ("empty.mp3", ["empty (0 bytes)"]),
    "corrupt wav": ("corrupt.wav", ["cannot"]),
    "corrupt mp3": ("corrupt.mp3", ["cannot"]),
    "video with no audio track": ("no-audio.mp4", ["no audio track"]),
}


@pytest.mark.parametrize("case", sorted(REJECTED_AUDIO))
def test_unusable_audio_is_refused(case, media, tmp_path):
    name, problem = REJECTED_AUDIO[case]
    path = tmp_path / "transcript.txt"
    path.write_text(CLIP_TEXT)
    run = align(media / name, path, tmp_path / "out")
    assert_rejected(run, media / name, *problem)


@pytest.mark.parametrize("name", ["truncated.wav", "truncated.mp3"])
def test_truncated_audio_decodes_what_is_there_and_keeps_every_word(name, media, tmp_path):
    path = tmp_path / "transcript.txt"
    path.write_text(CLIP_TEXT)
    run = align(media / name, path, tmp_path / "out")
    listed = assert_complete(run, Path(name).stem, CLIP_WORDS)
    # The first half of the clip is there, so its words are really placed.
    assert all(w["aligned"] for w in listed[:6])
    assert max(w["end"] for w in listed) <= CLIP_SECONDS / 2 + 0.1


def test_pure_silence_keeps_every_word_flagged_unaligned(media, tmp_path):
    # Nothing is said, so no word may be presented as heard; all are kept, interpolated.
    path = tmp_path / "transcript.txt"
    path.write_text(CLIP_TEXT)
    run = align(media / "silence.wav", path, tmp_path / "out")
    listed = assert_complete(run, "silence", CLIP_WORDS)
    assert not any(w["aligned"] for w in listed)
    (found,) = warnings_of(run)
    assert f"{len(CLIP_WORDS)} of {len(CLIP_WORDS)} words could not be aligned" in found


def test_audio_much_shorter_than_its_transcript(media, tmp_path):
    # The whole 74 s episode's transcript against its first 6.4 s.
    run = align(media / "clip.wav", EPISODE_TEXT, tmp_path / "out")
    truth = json.loads(EPISODE_TEXT.with_suffix(".truth.json").read_text())["words"]
    listed = assert_complete(run, "clip", [w["text"] for w in truth])
    spoken = [w for w, t in zip(listed, truth, strict=True) if t["end"] <= CLIP_SECONDS]
    beyond = listed[len(spoken) + 1 :]
    assert all(w["aligned"] for w in spoken[:-1])
    assert beyond and not any(w["aligned"] for w in beyond), "words past the audio shown as heard"
    assert all(w["end"] <= CLIP_SECONDS for w in listed)
    assert any("is past the audio's end" in w for w in warnings_of(run))


def test_speech_the_transcript_lacks_is_reported(media, tmp_path):
    # The first 30 s with only the first and third turns: Jean-Luc's 10 s turn is missing.
    lines = EPISODE_TEXT.read_text(encoding="utf-8").splitlines()
    turns = [line for line in lines if "] " in line]
    path = tmp_path / "missing-turn.txt"
    path.write_text(f"{turns[0]}\n{turns[2]}\n", encoding="utf-8")
    run = align(media / "first30.wav", path, tmp_path / "out")
    words = [w for t in (turns[0], turns[2]) for w in t.split("] ", 1)[1].split()]
    assert_complete(run, "first30", words)
    found = run.metadata("first30")["alignment"]["discrepancies"]
    missing = [d for d in found if d["kind"] == "not_in_transcript"]
    covered = sum(max(0.0, min(d["end"], 20.0) - max(d["start"], 10.0)) for d in missing)
    assert covered >= 5.0, found
