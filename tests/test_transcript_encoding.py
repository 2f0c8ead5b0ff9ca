"""UTF-8 with or without BOM, UTF-16 with BOM, cp1252 with a warning, any line ending."""

import pytest

from captionkit.errors import TranscriptError
from captionkit.transcript import read_transcript

TEXT = "Café Talk\nTranscript\nPaul O’Neil [00:00:02] Hello — welcome.\nZoë [00:00:05] Merci!\n"


def turns_of(transcript):
    return [(turn.speaker, turn.text, turn.start, turn.line) for turn in transcript.turns]


EXPECTED = [("Paul O’Neil", "Hello — welcome.", 2000, 3), ("Zoë", "Merci!", 5000, 4)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_read_silently(tmp_path, encoding):
    path = tmp_path / "t.txt"
    data = TEXT.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no BOM; add it.
        data = ("\ufeff" + TEXT).encode(encoding)
    path.write_bytes(data)
    t = read_transcript(path)
    assert turns_of(t) == EXPECTED
    assert t.title == "Café Talk"
    assert t.warnings == []


def test_cp1252_is_read_with_a_warning_naming_the_encoding(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    t = read_transcript(path)
    assert turns_of(t) == EXPECTED
    assert t.warnings == [
        f"{path}:1: not UTF-8 (byte 0xe9); read as cp1252 (Windows-1252), check accents and quotes"
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(tmp_path, newline):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    t = read_transcript(path)
    assert turns_of(t) == EXPECTED
    assert all("\r" not in turn.text for turn in t.turns)


def test_utf16_without_bom_is_reported_as_binary(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(TranscriptError, match="a UTF-16 file needs a byte-order mark"):
        read_transcript(path)


def test_captions_in_utf16_with_crlf(tmp_path):
    path = tmp_path / "c.vtt"
    vtt = "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Zoë>Ça va?\r\n"
    path.write_bytes(vtt.encode("utf-16"))
    t = read_transcript(path)
    assert [(turn.speaker, turn.text, turn.line) for turn in t.turns] == [("Zoë", "Ça va?", 3)]
