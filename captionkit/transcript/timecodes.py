"""Timestamps as transcripts write them, to and from integer milliseconds.

Readers find a timestamp with the loose ``TIMESTAMP`` pattern and then call
``parse_timestamp``, so a malformed time such as ``00:61:00`` is reported with a
reason instead of the whole line silently becoming ordinary text.

>>> parse_timestamp("00:07:31")
451000
>>> parse_timestamp("7:31")
451000
>>> parse_timestamp("1:02:03.5")
3723500
>>> format_timestamp(451000)
'00:07:31'
>>> parse_timestamp("00:61:00")
Traceback (most recent call last):
...
captionkit.transcript.timecodes.TimestampError: minutes must be 0-59
"""

from __future__ import annotations

import re

TIMESTAMP = r"\d+(?::\d+)+(?:[.,]\d+)?"
"""Regex source for anything shaped like a timestamp, valid or not."""

_PARTS = re.compile(r"(?P<fields>\d+(?::\d+)+)(?:[.,](?P<fraction>\d+))?")


class TimestampError(ValueError):
    """A timestamp-shaped string that is not a valid time; ``str()`` is the reason."""


def parse_timestamp(written: str) -> int:
    """Milliseconds for ``HH:MM:SS``, ``H:MM:SS`` or ``MM:SS``, with optional ``.mmm``/``,mmm``.

    The leading field is unbounded (``75:30`` is 75 minutes, as long podcasts write it);
    every later field must be 0-59, because a larger value is a typo, not a time.
    """
    match = _PARTS.fullmatch(written.strip())
    if not match:
        raise TimestampError("not a time; expected HH:MM:SS, H:MM:SS or MM:SS")
    fields = [int(field) for field in match["fields"].split(":")]
    if len(fields) > 3:
        raise TimestampError("too many fields; expected HH:MM:SS, H:MM:SS or MM:SS")
    if fields[-1] > 59:
        raise TimestampError("seconds must be 0-59")
    if len(fields) == 3 and fields[1] > 59:
        raise TimestampError("minutes must be 0-59")
    fraction = match["fraction"] or ""
    if len(fraction) > 3:
        raise TimestampError("fractions of a second must have at most 3 digits")
    seconds = 0
    for field in fields:
        seconds = seconds * 60 + field
    # "1.5" means half a second, so the fraction is padded on the right.
    return seconds * 1000 + int(fraction.ljust(3, "0") or 0)


def format_timestamp(ms: int) -> str:
    """``HH:MM:SS``, with ``.mmm`` only when the time is not a whole second.

    >>> format_timestamp(3723500)
    '01:02:03.500'
    """
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{text}.{millis:03d}" if millis else text
