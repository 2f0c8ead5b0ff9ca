"""Written words → the words a speaker says, for the acoustic aligner.

The transcript keeps its written form ("2019", "50%", "NHS", "Khan-Shah,"); the aligner needs
what is spoken ("twenty nineteen", "fifty percent", "n h s", "khan shah"). Each written word
maps to zero or more spoken tokens, so every token's time can be traced back to its word.

>>> spoken_tokens("2019,")
['twenty', 'nineteen']
>>> spoken_tokens("50%")
['fifty', 'percent']
>>> spoken_tokens("O’Hara.")
["o'hara"]
>>> spoken_tokens("—")
[]
"""

from __future__ import annotations

import re
import unicodedata

from num2words import num2words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_EDGE_PUNCT = re.compile(r"^[^\w$£€#@&+%]+|[^\w%']+$|'+$")
_CURRENCY = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
_SCALES = {"k": "thousand", "m": "million", "bn": "billion", "b": "billion"}
_SYMBOLS = {"&": "and", "+": "plus", "@": "at", "#": "number", "%": "percent", "=": "equals"}
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.I)
_MONEY = re.compile(r"^([$£€])(\d[\d,]*(?:\.\d+)?)(k|m|bn|b)?$", re.I)
_PERCENT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)%$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_DECADE = re.compile(r"^(\d{2,4})'?s$")
_SPLIT = re.compile(r"[-–—/_]+")
_ALNUM = re.compile(r"\d+|[^\W\d]+(?:'[^\W\d]+)*|[$£€#@&+%=]")


def spoken_tokens(word: str) -> list[str]:
    """The lowercase spoken tokens for one written word (empty for pure punctuation)."""
    text = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES)
    tokens: list[str] = []
    for part in _SPLIT.split(text):
        if part in _SYMBOLS:
            tokens.append(_SYMBOLS[part])
            continue
        part = _EDGE_PUNCT.sub("", part)
        if part:
            tokens.extend(_part_tokens(part))
    return tokens


def spoken_readings(word: str) -> list[list[str]]:
    """Every likely way of saying ``word``; the first is :func:`spoken_tokens`'s.

    Numbers are read more than one way ("2019": "twenty nineteen" or "two thousand nineteen";
    "105": with or without "and"), so the exact aligner is offered each.

    >>> for reading in spoken_readings("2019,"):
    ...     print(" ".join(reading))
    twenty nineteen
    two thousand and nineteen
    two thousand nineteen
    >>> spoken_readings("105")
    [['one', 'hundred', 'and', 'five'], ['one', 'hundred', 'five']]
    >>> spoken_readings("eels,")
    [['eels']]
    """
    first = spoken_tokens(word)
    readings = [first]
    core = _EDGE_PUNCT.sub("", word)
    if core.isdigit() and len(core) == 4 and 2000 <= int(core) <= 2099:
        # The 2000s are said as cardinals as often as as years ("two thousand and nine").
        readings.append(_words(num2words(int(core))))
    for reading in list(readings) if any(c.isdigit() for c in core) else []:
        if "and" in reading:
            readings.append([t for t in reading if t != "and"])
    unique: list[list[str]] = []
    for reading in readings:
        if reading not in unique:
            unique.append(reading)
    return unique


def _part_tokens(part: str) -> list[str]:
    for pattern, reader in _READERS:
        m = pattern.match(part)
        if m:
            return reader(m)
    if len(part) >= 2 and _is_initialism(part):
        return [c.lower() for c in part]
    if part.endswith("'s") and len(part) >= 4 and _is_initialism(part[:-2]):
        return [c.lower() for c in part[:-2]]  # ICS's: the letters carry the timing
    pieces = _ALNUM.findall(part)
    out: list[str] = []
    for piece in pieces:
        if piece.isdigit():
            out.extend(_words(num2words(int(piece))))
        elif piece in _SYMBOLS:
            out.append(_SYMBOLS[piece])
        elif piece in _CURRENCY:
            out.append(_CURRENCY[piece][1])
        elif len(piece) >= 2 and _is_initialism(piece):
            out.extend(c.lower() for c in piece)
        else:
            out.append(piece.lower())
    return out


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,-]+", text.lower()) if w]


def _is_initialism(letters: str) -> bool:
    """NHS, BBC, CEO are spelled out; NASA, COVID are said as words."""
    vowels = sum(c in "AEIOUY" for c in letters)
    return letters.isupper() and letters.isalpha() and (vowels == 0 or len(letters) <= 3)


def _number(text: str) -> list[str]:
    clean = text.replace(",", "")
    if "." in clean:
        whole, frac = clean.split(".", 1)
        return _words(num2words(int(whole or 0))) + ["point"] + [_digit(d) for d in frac]
    value = int(clean)
    if len(clean) == 4 and "," not in text and 1100 <= value <= 2099:
        return _words(num2words(value, to="year"))
    return _words(num2words(value))


def _digit(d: str) -> str:
    return "zero" if d == "0" else num2words(int(d))


def _money(m: re.Match[str]) -> list[str]:
    symbol, amount, scale = m.group(1), m.group(2), (m.group(3) or "").lower()
    one, many = _CURRENCY[symbol]
    whole, _, cents = amount.replace(",", "").partition(".")
    if scale or len(cents) != 2:
        words = _number(amount) + ([_SCALES[scale]] if scale else [])
        return words + [one if amount == "1" else many]
    # £3.50 is said "three pounds fifty"
    words = _number(whole) + [one if whole == "1" else many]
    return words + (_words(num2words(int(cents))) if int(cents) else [])


def _clock(m: re.Match[str]) -> list[str]:
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes > 59:
        return _words(num2words(hours)) + _words(num2words(minutes))
    if minutes == 0:
        return _words(num2words(hours)) + ["o'clock"]
    head = _words(num2words(hours))
    if minutes < 10:
        return head + ["oh", num2words(minutes)]
    return head + _words(num2words(minutes))


def _decade(m: re.Match[str]) -> list[str]:
    words = _number(m.group(1))
    last = words[-1]
    plural = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return words[:-1] + [plural]


_READERS = [
    (_MONEY, _money),
    (_PERCENT, lambda m: _number(m.group(1)) + ["percent"]),
    (_ORDINAL, lambda m: _words(num2words(int(m.group(1)), to="ordinal"))),
    (_CLOCK, _clock),
    (_DECADE, _decade),
    (_NUMBER, lambda m: _number(m.group(0))),
]
