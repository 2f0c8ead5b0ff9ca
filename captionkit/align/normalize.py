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
>>> spoken_tokens("Dr.")
['doctor']
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from num2words import num2words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_EDGE_PUNCT = re.compile(r"^[^\w$£€#@&+%°½¼¾⅓⅔]+|[^\w%'+×°½¼¾⅓⅔]+$|'+$")
_CURRENCY = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
_SCALES = {"k": "thousand", "m": "million", "bn": "billion", "b": "billion"}
_SYMBOLS = {"&": "and", "+": "plus", "@": "at", "#": "number", "%": "percent", "=": "equals",
            "×": "times", "°": "degrees"}
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.I)
_MONEY = re.compile(r"^([$£€])(\d[\d,]*(?:\.\d+)?)(k|m|bn|b)?$", re.I)
_PERCENT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)%$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_DECADE = re.compile(r"^(\d{2,4})'?s$")
_SPLIT = re.compile(r"[-–—/_]+")
_ALNUM = re.compile(r"\d+|[^\W\d]+(?:'[^\W\d]+)*|[$£€#@&+%=×°½¼¾⅓⅔]")
_MINUS = re.compile(r"^[-−](?=\d)")
MAX_READINGS = 8  # the exact aligner's graph grows with every reading offered

# Abbreviations people say as words, every likely reading with the usual one first; the
# letters stay a reading where people also spell them out. Matched in any case but all
# capitals (an initialism: "DR Congo").
_ABBREVIATIONS: dict[str, list[list[str]]] = {
    "dr": [["doctor"], ["drive"]],
    "mr": [["mister"]],
    "mrs": [["missus"]],
    "st": [["saint"], ["street"]],
    "mt": [["mount"], ["m", "t"]],
    "ft": [["feet"], ["foot"], ["fort"], ["f", "t"]],
    "prof": [["professor"], ["prof"]],
    "jr": [["junior"], ["j", "r"]],
    "sr": [["senior"], ["s", "r"]],
    "vs": [["versus"], ["v", "s"]],
    "approx": [["approximately"]],
    "dept": [["department"]],
    "govt": [["government"]],
    "etc": [["et", "cetera"]],
}
_CASED = {"Ms": [["miz"], ["m", "s"]]}  # lower case, "ms" is milliseconds
# Written only with their dots: without them they are other words ("ie", "am").
_DOTTED = {
    "e.g": [["for", "example"], ["e", "g"]],
    "i.e": [["that", "is"], ["i", "e"]],
    "a.m": [["a", "m"]],
    "p.m": [["p", "m"]],
    "ph.d": [["p", "h", "d"]],
}
# Units, said in full (either number) or spelled out; any case ("GB", "kWh").
_UNITS: dict[str, tuple[str, ...]] = {
    "km": ("kilometers", "kilometer"),
    "cm": ("centimeters", "centimeter"),
    "mm": ("millimeters", "millimeter"),
    "kg": ("kilograms", "kilogram", "kilos", "kilo"),
    "mg": ("milligrams", "milligram"),
    "ml": ("milliliters", "milliliter"),
    "lb": ("pounds", "pound"),
    "lbs": ("pounds",),
    "oz": ("ounces", "ounce"),
    "mph": ("miles per hour",),
    "kph": ("kilometers per hour",),
    "kmh": ("kilometers per hour",),
    "hz": ("hertz",),
    "khz": ("kilohertz",),
    "mhz": ("megahertz",),
    "ghz": ("gigahertz",),
    "kb": ("kilobytes", "kilobyte"),
    "mb": ("megabytes", "megabyte", "megs"),
    "gb": ("gigabytes", "gigabyte", "gigs"),
    "tb": ("terabytes", "terabyte"),
    "kw": ("kilowatts", "kilowatt"),
    "kwh": ("kilowatt hours", "kilowatt hour"),
    "ms": ("milliseconds", "millisecond"),
    "mins": ("minutes",),
    "hrs": ("hours",),
    "secs": ("seconds",),
}
_FRACTIONS = {
    "½": [["a", "half"], ["one", "half"], ["half"]],
    "¼": [["a", "quarter"], ["one", "quarter"], ["quarter"]],
    "¾": [["three", "quarters"]],
    "⅓": [["a", "third"], ["one", "third"]],
    "⅔": [["two", "thirds"]],
}
_TEMPERATURE = {"c": [["celsius"], ["c"], ["centigrade"]], "f": [["fahrenheit"], ["f"]]}


def spoken_tokens(word: str) -> list[str]:
    """The lowercase spoken tokens for one written word (empty for pure punctuation): its
    usual reading (see :func:`spoken_readings` for the others)."""
    return _readings(word)[0]


def _readings(word: str) -> list[list[str]]:
    """Every reading the word's parts allow, the usual one first (at most ``MAX_READINGS``)."""
    text = _normal(word)
    options: list[list[list[str]]] = []
    if _MINUS.match(text):
        options.append([["minus"], ["negative"]])
        text = text[1:]
    for part in _SPLIT.split(text):
        if part in _SYMBOLS:
            options.append([[_SYMBOLS[part]]])
            continue
        part = _EDGE_PUNCT.sub("", part)
        if part:
            options.append(_part_readings(part))
    return _combined(options) or [[]]


def _combined(options: list[list[list[str]]]) -> list[list[str]]:
    """Readings of consecutive pieces joined every way they combine (at most
    ``MAX_READINGS``, the usual first).

    >>> _combined([[["ten"]], [["kilometers"], ["k", "m"]]])
    [['ten', 'kilometers'], ['ten', 'k', 'm']]
    """
    return [
        [t for tokens in combo for t in tokens]
        for combo in itertools.islice(itertools.product(*options), MAX_READINGS)
    ]


def _normal(word: str) -> str:
    # Vulgar fractions survive: NFKC would make "½" into "1⁄2", read as "one two".
    return "".join(
        c if c in _FRACTIONS else unicodedata.normalize("NFKC", c) for c in word
    ).translate(_APOSTROPHES)


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
    >>> spoken_readings("10km")
    [['ten', 'kilometers'], ['ten', 'kilometer'], ['ten', 'k', 'm']]
    """
    readings = _readings(word)
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
    return unique[:MAX_READINGS]


def _part_readings(part: str) -> list[list[str]]:
    """Every reading of one part of a word (split at hyphens and slashes)."""
    key = part.rstrip(".")
    if key.lower() in _DOTTED and part != key.replace(".", ""):
        return _DOTTED[key.lower()]
    if key in _CASED:
        return _CASED[key]
    if not key.isupper() and key.lower() in _ABBREVIATIONS:
        return _ABBREVIATIONS[key.lower()]
    for pattern, reader in _READERS:
        m = pattern.match(part)
        if m:
            return [reader(m)]
    if _spelled(part):
        letters = _letters(part)
        units = _unit(part)[:-1] if part.lower() in _UNITS else []
        return [letters, *units]  # "GB" alone is as often a place as a unit
    pieces = _ALNUM.findall(part)
    if len(pieces) == 1 and pieces[0].lower() in _UNITS:
        # Alone, a unit's letters may be a word of their own: "Mm." is a listener's murmur,
        # "Oz" a name. Capitalised, the word comes first; in lower case the unit ("10 mm").
        itself = [pieces[0].lower()]
        units = _unit(pieces[0])
        return [itself, *units] if pieces[0][:1].isupper() else [*units, itself]
    options: list[list[list[str]]] = []
    for k, piece in enumerate(pieces):
        before = pieces[k - 1] if k else ""
        if piece in _FRACTIONS:
            whole = before.isdigit()
            options.append([(["and"] if whole else []) + f for f in _FRACTIONS[piece]])
        elif piece.lower() in _UNITS and before.isdigit():
            options.append(_unit(piece))
        elif piece.lower() in _TEMPERATURE and before == "°":
            options.append(_TEMPERATURE[piece.lower()])
        elif piece == "#":
            following = pieces[k + 1] if k + 1 < len(pieces) else ""
            options.append([["number"], ["hash"]] if following[:1].isdigit()
                           else [["hashtag"], ["hash"]])
        elif piece.lower() == "x" and before.isdigit():
            options.append([["times"], ["x"]])
        else:
            options.append([_piece_tokens(piece)])
    return _combined(options)


def _unit(piece: str) -> list[list[str]]:
    spelled = [[c.lower() for c in piece]]
    return [name.split() for name in _UNITS[piece.lower()]] + spelled


def _spelled(part: str) -> bool:
    """A whole part said letter by letter ("NHS", "ICS's")."""
    if len(part) >= 2 and _is_initialism(part):
        return True
    return part.endswith("'s") and len(part) >= 4 and _is_initialism(part[:-2])


def _letters(part: str) -> list[str]:
    """The letters of a spelled part; a possessive's "'s" adds none (ICS's: the letters
    carry the timing)."""
    return [c.lower() for c in (part[:-2] if part.endswith("'s") else part)]


def _piece_tokens(piece: str) -> list[str]:
    if piece.isdigit():
        return _words(num2words(int(piece)))
    if piece in _SYMBOLS:
        return [_SYMBOLS[piece]]
    if piece in _CURRENCY:
        return [_CURRENCY[piece][1]]
    if piece in _FRACTIONS:
        return _FRACTIONS[piece][0]
    if len(piece) >= 2 and _is_initialism(piece):
        return [c.lower() for c in piece]
    return [piece.lower()]


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
