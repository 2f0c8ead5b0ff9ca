"""Deterministic podcast-style dialogue for synthesized benchmark episodes.

A seeded grammar writes conversations between a host and guests about one of a few small
subjects: questions from the host, answers of several sentences from the guests, with the
things real transcripts hold and aligners trip over: years, counts, percentages, money,
clock times, ordinals, first names, place names, hyphenated and apostrophised words. The
same seed always gives the same text.

>>> turns = dialogue(seed=3, speakers=["Host", "Guest"], seconds=20)
>>> turns == dialogue(seed=3, speakers=["Host", "Guest"], seconds=20)
True
>>> [speaker for speaker, _ in turns[:2]]
['Host', 'Guest']
>>> len(monologue(seed=1, seconds=30).split()) > 60
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["SECONDS_PER_WORD", "advert", "dialogue", "monologue", "sentences"]

#: Rough espeak-ng speaking time per written word (pauses included) at the default voices'
#: rates; used only to decide how much text to write for a target duration.
SECONDS_PER_WORD = 0.37


@dataclass(frozen=True)
class Subject:
    """What one conversation is about: the nouns and places its sentences draw on."""

    name: str
    things: tuple[str, ...]
    places: tuple[str, ...]
    tasks: tuple[str, ...]
    people: tuple[str, ...]


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "beekeeping",
        ("hives", "queens", "brood frames", "swarms", "honey jars", "smokers"),
        ("Ashcombe Meadow", "the old rectory garden", "Pellham Common", "the allotments"),
        ("inspecting the brood", "moving the hives", "bottling the honey", "catching a swarm"),
        ("Rosalind", "Old Mr Tavener", "Kwame", "the Hartley-Shaws"),
    ),
    Subject(
        "lighthouse restoration",
        ("lenses", "brass fittings", "window panes", "volunteers", "paint tins", "storm shutters"),
        ("Skerrow Point", "the keeper's cottage", "the harbour wall", "Dunmaran Head"),
        ("scraping the gallery rail", "polishing the lens", "rewiring the lantern room",
         "hauling timber up the stairs"),
        ("Fergus", "Ilse", "the O'Donnell twins", "Mrs Abernethy"),
    ),
    Subject(
        "a bicycle repair co-op",
        ("inner tubes", "brake cables", "donated frames", "spoke keys", "workstands", "lights"),
        ("the railway arches", "Cranmore Street", "the youth centre", "Bexley market"),
        ("truing a wheel", "teaching the Tuesday class", "sorting the spares",
         "fitting a new chain"),
        ("Dev", "Agnieszka", "Little Sam", "the Okoro-Grant family"),
    ),
    Subject(
        "a village orchard",
        ("apple trees", "pear grafts", "cider barrels", "pruning saws", "ladders", "crates"),
        ("Hollin Lane", "the chapel field", "Marlow's Orchard", "the cider barn"),
        ("grafting the old varieties", "pressing the apples", "netting the young trees",
         "mapping every tree"),
        ("Bronwen", "Theo", "Auntie Lakshmi", "the Fairweather-Jones lot"),
    ),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "twelfth", "twentieth")


def _ordinal(n: int) -> str:
    """``21`` → ``"21st"``.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '22nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _Writer:
    """Fills sentence templates for one subject from one random stream."""

    def __init__(self, rng: random.Random, subject: Subject):
        self.rng = rng
        self.s = subject

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(list(options))

    # Slot fillers: every kind of number comes in the forms transcribers actually write.
    def year(self) -> str:
        return str(self.rng.randint(1962, 2024))

    def count(self) -> str:
        n = self.rng.choice([self.rng.randint(2, 19), self.rng.randint(20, 99),
                             self.rng.randint(100, 950), self.rng.randint(1000, 4000)])
        return f"{n:,}" if n >= 1000 and self.rng.random() < 0.5 else str(n)

    def percent(self) -> str:
        n = self.rng.randint(3, 97)
        return f"{n}%" if self.rng.random() < 0.5 else f"{n} percent"

    def money(self) -> str:
        n = self.rng.choice([self.rng.randint(5, 95), self.rng.randint(120, 9000)])
        form = self.rng.random()
        if form < 0.4:
            return f"£{n}"
        if form < 0.6:
            return f"£{n}.{self.rng.choice([50, 20, 99])}"
        return f"{n} pounds"

    def clock(self) -> str:
        hour, minute = self.rng.randint(5, 11), self.rng.choice([0, 15, 30, 45])
        if self.rng.random() < 0.5:
            return f"{hour}:{minute:02d}"
        return f"{hour} o'clock" if minute == 0 else f"{hour}:{minute:02d} in the morning"

    def date(self) -> str:
        day = self.rng.randint(1, 28)
        if self.rng.random() < 0.5:
            return f"the {_ordinal(day)} of {self.pick(MONTHS)}"
        return f"{self.pick(MONTHS)} {day}"

    def fill(self, template: str) -> str:
        s = self.s
        slots = {
            "thing": self.pick(s.things), "thing2": self.pick(s.things),
            "place": self.pick(s.places), "task": self.pick(s.tasks),
            "person": self.pick(s.people), "year": self.year(), "count": self.count(),
            "count2": self.count(), "percent": self.percent(), "money": self.money(),
            "clock": self.clock(), "date": self.date(), "month": self.pick(MONTHS),
            "day": self.pick(DAYS), "nth": self.pick(ORDINAL_WORDS), "subject": s.name,
        }
        text = template.format(**slots)
        return text[0].upper() + text[1:]


# Statements a guest makes. Varied length and shape on purpose: short ones, long ones with
# subordinate clauses, lists, asides, numbers in several forms.
STATEMENTS = (
    "back in {year}, there were only {count} {thing} at {place}",
    "{person} reckons {task} takes about {count} minutes on a calm day",
    "the hardest part, honestly, is {task}",
    "we spent {money} on new {thing} last spring, which felt like a fortune at the time",
    "roughly {percent} of the {thing} made it through the winter",
    "on {date} we start at {clock} and keep going until the light goes",
    "nobody warned us that {task} would be the job everyone wants",
    "{person} turned up one {day} with {count} {thing} in the back of a van",
    "the grant was {money}, and most of it went on {thing2}",
    "by the {nth} year we had a waiting list of {count} people",
    "if you ask me, {place} is the best spot for it, even in {month}",
    "we keep a logbook, and every entry since {year} is still in it",
    "the rule is simple: nobody does {task} alone",
    "last {month} we counted {count} {thing}, up from {count2} the year before",
    "it costs about {money} a year to keep the {thing} in good order",
    "{person} still does {task} by hand, which takes the whole of a {day} afternoon",
    "people assume it is about the {thing}, but really it is about the people",
    "we lost almost {percent} of the {thing} in the storm of {year}",
    "the {nth} time we tried {task}, it finally worked",
    "there is a photograph from {year} of {person} standing at {place}",
    "we meet at {clock} on the {nth} {day} of every month",
    "the council's survey said {percent}, but our own count was higher",
    "half the {thing} came from {place}, and the rest from wherever we could find them",
    "I'd say {task} is a skill you learn in an afternoon and spend ten years improving",
    "it wasn't until {year} that anyone wrote down how {task} should be done",
    "{person}'s notebook lists {count} {thing} and exactly {count2} {thing2}",
)

QUESTIONS = (
    "how did you first get involved with {subject}?",
    "what does a normal {day} look like for you?",
    "is {task} really as difficult as it sounds?",
    "and what happened after {year}?",
    "how many {thing} are we talking about?",
    "who pays for all of this?",
    "what would you tell someone who wants to start?",
    "why {place}, of all places?",
    "did {person} ever forgive you for that?",
    "so what changed last {month}?",
    "can you talk us through {task}?",
    "what is the part nobody sees?",
)

REACTIONS = (
    "that is remarkable.", "right.", "I did not know that.", "wow.", "fair enough.",
    "that makes sense.", "go on.", "really?", "interesting.",
)

CONNECTORS = ("and", "but", "so", "although", "because", "which means")


def sentences(rng: random.Random, subject: Subject, n: int) -> list[str]:
    """``n`` statements about ``subject``, some joined in pairs with a connector."""
    w = _Writer(rng, subject)
    out = []
    for _ in range(n):
        first = rng.choice(STATEMENTS)
        if rng.random() < 0.25:
            head, tail = w.fill(first), w.fill(rng.choice(STATEMENTS))
            out.append(f"{head}, {rng.choice(CONNECTORS)} {tail[0].lower()}{tail[1:]}.")
        else:
            out.append(f"{w.fill(first)}.")
    return out


def dialogue(
    seed: int, speakers: list[str], seconds: float, sentences_per_answer: tuple[int, int] = (2, 6)
) -> list[tuple[str, str]]:
    """A conversation of about ``seconds`` of speech: ``speakers[0]`` hosts, the rest answer.

    Host turns are a reaction and a question (the first one introduces the guests by first
    name); guest turns hold between the two ``sentences_per_answer`` bounds.
    """
    rng = random.Random(seed)
    subject = rng.choice(SUBJECTS)
    host, guests = speakers[0], speakers[1:] or speakers[:1]
    names = " and ".join(g.split()[0] for g in guests)
    first = _Writer(rng, subject).fill(rng.choice(QUESTIONS))
    turns = [(host, f"Welcome back. Today I'm joined by {names} to talk about "
                    f"{subject.name}. {first[0].upper()}{first[1:]}")]
    words = len(turns[0][1].split())
    while words * SECONDS_PER_WORD < seconds:
        guest = guests[len(turns) // 2 % len(guests)] if len(guests) > 1 else guests[0]
        answer = " ".join(sentences(rng, subject, rng.randint(*sentences_per_answer)))
        turns.append((guest, answer))
        words += len(answer.split())
        if words * SECONDS_PER_WORD >= seconds:
            break
        w = _Writer(rng, subject)
        reaction = rng.choice(REACTIONS)
        question = w.fill(rng.choice(QUESTIONS))
        asked = guests[(len(turns) + 1) // 2 % len(guests)].split()[0]
        ask = f"{reaction[0].upper()}{reaction[1:]} {asked}, {question[0].lower()}{question[1:]}"
        turns.append((host, ask))
        words += len(ask.split())
    return turns


def monologue(seed: int, seconds: float) -> str:
    """One speaker's uninterrupted turn of about ``seconds``."""
    rng = random.Random(seed)
    subject = rng.choice(SUBJECTS)
    out: list[str] = []
    while sum(len(s.split()) for s in out) * SECONDS_PER_WORD < seconds:
        out += sentences(rng, subject, 1)
    return " ".join(out)


def advert(seed: int, seconds: float) -> str:
    """Sponsor-read text (speech the episode's transcript never mentions)."""
    rng = random.Random(seed)
    brands = ("Kestrel Mattresses", "Tidewater Coffee", "Northlight Insurance", "Parcelbird")
    claims = (
        "{brand} ships to your door in {n} working days",
        "use the code LISTEN{n} for {pct} off your first order",
        "over {big} customers switched to {brand} last year",
        "every order from {brand} comes with a {n}-day free trial",
        "visit the website before the end of {month} and save £{n}",
        "{brand} has been family-run since {year}",
        "this episode is brought to you by {brand}",
        "terms and conditions apply, see the website for details",
    )
    out: list[str] = []
    while sum(len(s.split()) for s in out) * SECONDS_PER_WORD < seconds:
        text = rng.choice(claims).format(
            brand=rng.choice(brands), n=rng.randint(2, 60), pct=f"{rng.randint(10, 40)}%",
            big=f"{rng.randint(10, 90)},000", month=rng.choice(MONTHS),
            year=rng.randint(1950, 2015),
        )
        out.append(f"{text[0].upper()}{text[1:]}.")
    return " ".join(out)
