"""``captionkit fix``: the mechanical repairs, never touching a word.

- renumber SRT cues 1, 2, 3 … (adding a missing number line);
- normalise timestamps (``HH:MM:SS.mmm`` / ``HH:MM:SS,mmm``, spaces around ``-->``);
- extend a cue shorter than the profile's minimum into the silence after it;
- chain a short gap (close it to the minimum gap) and open a gap below the minimum;
- escape ``&``, ``<`` and ``-->`` in WebVTT text, add a missing ``WEBVTT`` header;
- write UTF-8 without a byte-order mark, keeping the file's line endings.

The words a viewer reads are compared before and after; if they differed the fix would be
refused (``FixError``), so a bug here can never change a caption's text.

>>> from captionkit.check.reader import parse_caption_text
>>> from captionkit.profiles import get_profile
>>> f = parse_caption_text("3\\n0:0:1.0 --> 0:0:1.5\\nFish & chips\\n", "a.srt")
>>> print(fix_file(f, get_profile()).text, end="")
1
00:00:01,000 --> 00:00:01,833
Fish & chips
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CaptionkitError
from ..profiles import Profile
from .display import ENTITY, VTT_TAG, check_cues_of
from .reader import CaptionFile, RawCue, parse_caption_text
from .sync import cue_words


class FixError(CaptionkitError):
    """A repair would have changed the words: nothing is written."""


@dataclass
class FixResult:
    text: str
    changes: list[str] = field(default_factory=list)
    """One line per repair: ``line N: what changed``."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def stamp(ms: int, kind: str) -> str:
    """A timestamp in the file kind's canonical form.

    >>> stamp(3_723_004, "vtt"), stamp(1500, "srt")
    ('01:02:03.004', '00:00:01,500')
    """
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    sep = "." if kind == "vtt" else ","
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{sep}{millis:03d}"


def escape_vtt(line: str) -> str:
    """Escape what WebVTT cue text cannot hold, keeping tags and entities.

    >>> escape_vtt("<i>Fish</i> & chips <3 --> &amp;")
    '<i>Fish</i> &amp; chips &lt;3 --&gt; &amp;'
    """
    out = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "&" and not ENTITY.match(line, i):
            out.append("&amp;")
        elif char == "<" and not VTT_TAG.match(line, i):
            out.append("&lt;")
        elif line.startswith("-->", i):
            out.append("--&gt;")
            i += 3
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _retime(cues: list[RawCue], profile: Profile) -> dict[int, tuple[int, int]]:
    """New (start, end) for cues whose times can be read, in file order."""
    timed = [c for c in cues if c.start is not None and c.end is not None]
    times = {c.index: (c.start, c.end) for c in timed}  # type: ignore[misc]
    order = [c.index for c in timed]
    gap = profile.min_gap_ms
    for k, index in enumerate(order):  # short cues grow into the silence after them
        start, end = times[index]
        if not 0 < end - start < profile.min_duration_ms:
            continue
        limit = times[order[k + 1]][0] - gap if k + 1 < len(order) else start + 10**9
        times[index] = (start, max(end, min(start + profile.min_duration_ms, limit)))
    for prev, index in zip(order, order[1:], strict=False):
        (p_start, p_end), (start, _) = times[prev], times[index]
        between = start - p_end
        if start < p_start or p_end <= p_start or between == gap or \
                between >= profile.chain_threshold_ms:
            continue
        new_end = start - gap
        # Never cut a cue below its minimum (or to nothing) to open a gap: leave that to a person.
        if new_end < p_end and new_end - p_start < min(profile.min_duration_ms, p_end - p_start):
            continue
        times[prev] = (p_start, new_end)
    return times


def fix_file(file: CaptionFile, profile: Profile) -> FixResult:
    """The repaired text of ``file`` and the list of repairs."""
    kind = file.kind
    lines = list(file.lines)
    changes: list[str] = []
    replace: dict[int, list[str]] = {}  # 0-based line → replacement lines
    times = _retime(file.cues, profile)
    for number, cue in enumerate(file.cues, start=1):
        if cue.index in times:
            start, end = times[cue.index]
            timing = f"{stamp(start, kind)} --> {stamp(end, kind)}"
            timing += f" {cue.settings}" if cue.settings else ""
            old = lines[cue.timing_line - 1]
            if timing != old:
                replace[cue.timing_line - 1] = [timing]
                changes.append(f"line {cue.timing_line}: {old.strip()} → {timing}")
        if kind == "srt":
            if cue.ident is None:
                replace[cue.timing_line - 1] = [str(number), *replace.get(
                    cue.timing_line - 1, [lines[cue.timing_line - 1]])]
                changes.append(f"line {cue.timing_line}: added cue number {number}")
            elif cue.ident != str(number) and cue.ident_line:
                replace[cue.ident_line - 1] = [str(number)]
                changes.append(f"line {cue.ident_line}: renumbered {cue.ident} → {number}")
        else:
            for k, text in enumerate(cue.text):
                escaped = escape_vtt(text)
                if escaped != text:
                    replace[cue.text_line - 1 + k] = [escaped]
                    changes.append(f"line {cue.text_line + k}: escaped text")
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(replace.get(i, [line]))
    if kind == "vtt" and not file.header_ok:
        out[:0] = ["WEBVTT", ""]
        changes.append("line 1: added the WEBVTT header")
    if file.decoded.bom:
        changes.append("line 1: removed the byte-order mark")
    if file.decoded.problem:
        changes.append(f"re-encoded as UTF-8 (was {file.decoded.problem})")
    newline = "\r\n" if "\r\n" in file.decoded.text else "\n"
    text = newline.join(out)
    _same_words(file, text)
    return FixResult(text, changes)


def _words(file: CaptionFile) -> list[str]:
    return [w for cue in check_cues_of(file) for w in cue_words(cue)]


def _same_words(before: CaptionFile, text: str) -> None:
    """Refuse a repair that changed, lost or added a word (or a cue's text)."""
    after = parse_caption_text(text, before.path)
    if _words(before) != _words(after) or len(after.cues) != len(before.cues):
        raise FixError("the repair would change the words; nothing was written", path=before.path)
