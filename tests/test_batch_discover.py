"""Series discovery for `captionkit batch`: folders, series.toml, CSV and RSS; path safety;
speaker aliases. No model runs here: these are the fast, pure parts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from captionkit.batch import discover
from captionkit.batch.aliases import rename_speakers, resolve_aliases
from captionkit.errors import UsageError
from captionkit.model import Transcript, Turn


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write(path: Path, text: str) -> Path:
    return touch(path, textwrap.dedent(text).lstrip())


# --- folders ---------------------------------------------------------------------------


def test_folder_pairs_by_stem_recursively_and_prefers_plain_text(tmp_path):
    show = tmp_path / "show"
    touch(show / "s1" / "ep01.mp3")
    touch(show / "s1" / "ep01.txt")
    touch(show / "s1" / "ep01.vtt")  # old captions next to the transcript: the .txt wins
    touch(show / "s2" / "ep01.wav")
    touch(show / "s2" / "ep01.srt")
    touch(show / "notes.txt")  # a transcript-like file with no audio is not an episode
    touch(show / ".cache" / "ep09.wav")  # hidden folders are not searched
    series = discover(show)
    assert [(e.key, e.transcript.name) for e in series.episodes] == [
        ("s1/ep01", "ep01.txt"),
        ("s2/ep01", "ep01.srt"),
    ]
    assert all(e.problem is None for e in series.episodes)


def test_folder_lists_audio_without_transcript_as_a_failing_episode(tmp_path):
    touch(tmp_path / "ep01.wav")
    touch(tmp_path / "ep01.txt")
    touch(tmp_path / "ep02.wav")
    series = discover(tmp_path)
    problem = {e.key: e.problem for e in series.episodes}
    assert problem["ep01"] is None
    assert "ep02.wav: no transcript found" in problem["ep02"]


def test_folder_skips_the_output_folder_inside_it(tmp_path):
    touch(tmp_path / "ep01.wav")
    touch(tmp_path / "ep01.txt")
    touch(tmp_path / "captions" / "ep01.wav")  # e.g. a copy the user keeps with the outputs
    series = discover(tmp_path, outdir=tmp_path / "captions")
    assert [e.key for e in series.episodes] == ["ep01"]


def test_empty_folder_is_bad_usage(tmp_path):
    touch(tmp_path / "readme.txt")
    with pytest.raises(UsageError, match="no episodes found"):
        discover(tmp_path)


def test_missing_source_is_bad_usage(tmp_path):
    with pytest.raises(UsageError, match="no such file or folder"):
        discover(tmp_path / "nope")


# --- series.toml -----------------------------------------------------------------------


def test_toml_manifest_resolves_paths_aliases_and_language(tmp_path):
    manifest = write(
        tmp_path / "show" / "series.toml",
        """
        title = "Field Notes"
        language = "en-GB"

        [aliases]
        "Mike West" = "Michael West"
        "Mikey" = "Mike West"

        [[episodes]]
        audio = "audio/ep01.mp3"
        transcript = "text/ep01.txt"
        title = "Glass eels"

        [[episodes]]
        audio = "audio/ep02.mp3"
        transcript = "text/ep02.txt"
        language = "fr"
        aliases = { "Mikey" = "Mike Jones" }
        """,
    )
    series = discover(manifest.parent)  # a folder with series.toml is read through it
    assert series.title == "Field Notes"
    first, second = series.episodes
    assert first.key == "audio/ep01"
    assert first.audio == (tmp_path / "show" / "audio" / "ep01.mp3").resolve()
    assert first.transcript == (tmp_path / "show" / "text" / "ep01.txt").resolve()
    assert (first.title, first.language, second.language) == ("Glass eels", "en-GB", "fr")
    # Chains are followed; an episode's own alias overrides the series'.
    assert dict(first.aliases) == {"Mike West": "Michael West", "Mikey": "Michael West"}
    assert dict(second.aliases) == {"Mike West": "Michael West", "Mikey": "Mike Jones"}


def test_toml_manifest_may_not_escape_its_folder(tmp_path):
    manifest = write(
        tmp_path / "show" / "series.toml",
        """
        [[episodes]]
        audio = "../elsewhere/ep01.mp3"
        transcript = "ep01.txt"
        """,
    )
    with pytest.raises(UsageError) as caught:
        discover(manifest)
    assert str(caught.value).startswith(str(manifest))
    assert "outside the manifest's folder" in str(caught.value)
    assert "--allow-outside" in str(caught.value)
    series = discover(manifest, allow_outside=True)
    assert series.episodes[0].audio == (tmp_path / "elsewhere" / "ep01.mp3").resolve()


def test_toml_manifest_symlink_out_of_the_folder_is_caught(tmp_path):
    (tmp_path / "secret").mkdir()
    (tmp_path / "show").mkdir()
    (tmp_path / "show" / "link").symlink_to(tmp_path / "secret")
    manifest = write(
        tmp_path / "show" / "series.toml",
        """
        [[episodes]]
        audio = "link/ep01.mp3"
        transcript = "ep01.txt"
        """,
    )
    with pytest.raises(UsageError, match="outside the manifest's folder"):
        discover(manifest)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[episodes]]\ntranscript = "a.txt"\n', "episode 1: missing 'audio'"),
        ('[[episodes]]\naudio = "a.wav"\ntranscript = "a.txt"\nspeed = 2\n', "unknown key 'speed'"),
        ('title = "x"\n', "no episodes"),
        ("[[episodes]\n", "invalid TOML"),
        ('[aliases]\n"A" = "B"\n"B" = "A"\n[[episodes]]\naudio="a.wav"\ntranscript="a.txt"\n',
         "go round in a circle"),
    ],
)
def test_toml_manifest_errors_name_the_file_and_problem(tmp_path, body, message):
    manifest = touch(tmp_path / "series.toml", body)
    with pytest.raises(UsageError, match=message) as caught:
        discover(manifest)
    assert str(caught.value).startswith(f"{manifest}:")


def test_two_episodes_writing_the_same_outputs_is_bad_usage(tmp_path):
    manifest = write(
        tmp_path / "series.toml",
        """
        [[episodes]]
        audio = "ep01.mp3"
        transcript = "a.txt"
        [[episodes]]
        audio = "ep01.wav"
        transcript = "b.txt"
        """,
    )
    with pytest.raises(UsageError, match="same outputs 'ep01"):
        discover(manifest)


# --- CSV -------------------------------------------------------------------------------


def test_csv_manifest_with_optional_columns(tmp_path):
    manifest = write(
        tmp_path / "episodes.csv",
        """
        audio,transcript,title,language,aliases
        a/ep01.mp3,a/ep01.txt,"Eels, at night",en,Mike West=Michael West; Mikey=Michael West

        a/ep02.mp3,a/ep02.txt,,,
        """,
    )
    first, second = discover(manifest).episodes
    assert (first.key, first.title, first.language) == ("a/ep01", "Eels, at night", "en")
    assert dict(first.aliases) == {"Mike West": "Michael West", "Mikey": "Michael West"}
    assert (second.key, second.title, second.aliases) == ("a/ep02", None, ())


def test_csv_manifest_errors_carry_the_line(tmp_path):
    manifest = write(
        tmp_path / "episodes.csv",
        """
        audio,transcript
        ep01.mp3,ep01.txt
        ../../etc/passwd,ep02.txt
        """,
    )
    with pytest.raises(UsageError, match="outside the manifest's folder") as caught:
        discover(manifest)
    assert str(caught.value).startswith(f"{manifest}:3:")
    bad_header = write(tmp_path / "bad.csv", "file,text\nep01.mp3,ep01.txt\n")
    with pytest.raises(UsageError, match=r"bad.csv:1: the header row needs columns"):
        discover(bad_header)


# --- RSS -------------------------------------------------------------------------------

FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
  <title>Field Notes from the Estuary</title>
  <language>en</language>
  <item>
    <title>Glass eels</title>
    <enclosure url="media/ep01.mp3" type="audio/mpeg" length="1"/>
    <podcast:transcript url="text/ep01.vtt" type="text/vtt"/>
    <podcast:transcript url="text/ep01.txt" type="text/plain"/>
    <podcast:transcript url="text/ep01.html" type="text/html"/>
  </item>
  <item>
    <title>The weir</title>
    <enclosure url="https://cdn.example.org/ep02.mp3" type="audio/mpeg" length="1"/>
    <podcast:transcript url="text/ep02.txt" type="text/plain"/>
  </item>
  <item>
    <title>Volunteers</title>
    <enclosure url="FILE_URL" type="audio/mpeg" length="1"/>
    <podcast:transcript url="text/ep03.json" type="application/json"/>
  </item>
</channel>
</rss>
"""


def test_rss_feed_items_become_episodes(tmp_path):
    feed = touch(
        tmp_path / "feed.xml",
        FEED.replace("FILE_URL", (tmp_path / "media" / "ep03.mp3").as_uri()),
    )
    series = discover(feed)
    assert (series.title, series.language) == ("Field Notes from the Estuary", "en")
    first, second, third = series.episodes
    assert first.key == "media/ep01" and first.title == "Glass eels"
    assert first.transcript == (tmp_path / "text" / "ep01.txt").resolve()  # text beats vtt
    assert first.media_url == "media/ep01.mp3" and first.problem is None
    assert "is a web address" in second.problem  # reported as a failed episode
    assert third.audio == (tmp_path / "media" / "ep03.mp3").resolve()  # file: URL
    assert "no plain-text, WebVTT or SRT" in third.problem


def test_rss_that_is_not_xml_is_bad_usage(tmp_path):
    feed = touch(tmp_path / "feed.rss", "<rss><channel><item>\n")
    with pytest.raises(UsageError, match="not a well-formed RSS feed"):
        discover(feed)


def test_unknown_source_kind_is_bad_usage(tmp_path):
    with pytest.raises(UsageError, match="SOURCE must be"):
        discover(touch(tmp_path / "list.json", "{}"))


# --- aliases ---------------------------------------------------------------------------


def test_rename_speakers_changes_names_never_words():
    original = Transcript(
        turns=[
            Turn("Mike  West", "Mike West said: hello, Mikey.", start=0, line=3),
            Turn("Ann Lee", "Hi Mike West.", start=2000, line=4),
            Turn("mikey", "Bye.", line=5),
        ],
        title="Show",
    )
    renamed = rename_speakers(
        original, resolve_aliases({"Mike West": "Michael West", "Mikey": "Michael West"})
    )
    assert [t.speaker for t in renamed.turns] == ["Michael West", "Ann Lee", "Michael West"]
    assert renamed.words == original.words
    assert [(t.start, t.line) for t in renamed.turns] == [(0, 3), (2000, 4), (None, 5)]
    assert renamed.title == "Show"
    assert original.turns[0].speaker == "Mike  West"  # a new Transcript; the old one is intact
