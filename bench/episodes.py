"""Synthesized episodes with exact word truth, edited the way real episodes differ from
their transcripts.

An :class:`Episode` is 16 kHz audio plus the transcript's turns and, for every transcript
word, its true start and end in the audio, or ``None`` when the word is not in the audio
(a sentence cut from the recording but left in the text). ``extras`` lists audio the
transcript never mentions (a music intro, an ad break, filler words). Every edit here (insert,
remove, add noise) returns a new episode whose truth has moved with the audio, so a builder can
start from a clean espeak-ng rendition (``fixtures/synth.py``) and pile edits on it.

Builders: :func:`clean_episode`, :func:`hard_episode`, :func:`long_episode` (benchmarks) and
:func:`small_episode` (tests). :func:`cached` keeps built episodes under ``bench/.cache/``.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/…`: make `fixtures` importable
    sys.path.insert(0, str(ROOT))

from fixtures.synth import (  # noqa: E402, F401
    DEFAULT_VOICES,
    SAMPLE_RATE,
    Voice,
    pink_noise,
    synthesize,
    write_wav,
)

try:  # imported as `bench.episodes` (tests) or as `episodes` (bench scripts)
    from . import dialogue as dlg
except ImportError:
    import dialogue as dlg  # type: ignore[no-redef]

CACHE = Path(__file__).resolve().parent / ".cache"
HOST, GUEST_A, GUEST_B = "Priya Raman", "Maren Lindqvist", "Tobias Okonkwo-Hale"
#: The voice that reads the ad break: one no episode speaker uses.
AD_VOICE: Voice = DEFAULT_VOICES[4]
# Edits leave this much quiet on each side of inserted audio, as an editor's cut would.
_PAD_S = 0.25
# Inserted quiet carries the same faint floor as synthesize() puts under speech (-60 dBFS),
# because exact digital silence is not what recordings contain.
_FLOOR = 32768 * 10 ** (-60 / 20)


@dataclass(frozen=True)
class TrueWord:
    """One transcript word and where it truly is (seconds); ``start is None``: not in audio."""

    text: str
    speaker: str
    turn: int
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Span:
    """Audio the transcript does not mention: ``label`` is "music", "ad" or "filler"."""

    label: str
    start: float
    end: float


@dataclass(frozen=True)
class Episode:
    """Audio (mono int16, 16 kHz) with its transcript's turns and the truth of every word."""

    name: str
    audio: np.ndarray
    turns: list[tuple[str, str]]
    words: list[TrueWord]
    extras: list[Span] = field(default_factory=list)
    info: dict[str, float | int | str] = field(default_factory=dict)

    @property
    def duration(self) -> float:
        return len(self.audio) / SAMPLE_RATE

    @property
    def cut(self) -> list[int]:
        """Indices of transcript words that are not in the audio."""
        return [i for i, w in enumerate(self.words) if w.start is None]

    def turn_starts(self) -> list[float]:
        """Each turn's true start: its first word that is in the audio."""
        starts: dict[int, float] = {}
        for w in self.words:
            if w.start is not None:
                starts.setdefault(w.turn, w.start)
        return [starts[i] for i in range(len(self.turns))]

    def gap_after(self, index: int) -> float:
        """The middle of the pause between word ``index`` and the next word in the audio."""
        here = self.words[index]
        nxt = next(w for w in self.words[index + 1 :] if w.start is not None)
        assert here.end is not None and nxt.start is not None
        return (here.end + nxt.start) / 2


# ----------------------------------------------------------------------------------------
# Edits: each returns a new Episode with its truth moved along with the audio.


def _floor(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.normal(0.0, _FLOOR, n)


def insert(ep: Episode, at: float, samples: np.ndarray, label: str, seed: int = 0) -> Episode:
    """Insert ``samples`` at ``at`` seconds, padded with quiet, as an extra called ``label``.

    ``at`` must fall between words; later words and extras move later.
    """
    for w in ep.words:
        if w.start is not None and w.end is not None and w.start < at < w.end:
            raise ValueError(f"insert at {at:.3f} s would split the word {w.text!r}")
    rng = np.random.default_rng(seed)
    pad = round(_PAD_S * SAMPLE_RATE)
    piece = np.concatenate([_floor(pad, rng), samples.astype(np.float64), _floor(pad, rng)])
    i = round(at * SAMPLE_RATE)
    shift = len(piece) / SAMPLE_RATE
    audio = np.concatenate([ep.audio[:i], _to_int16(piece), ep.audio[i:]])
    words = [_moved(w, at, shift) for w in ep.words]
    extras = [Span(s.label, *(t + shift if t >= at else t for t in (s.start, s.end)))
              for s in ep.extras]
    extras.append(Span(label, i / SAMPLE_RATE + _PAD_S, i / SAMPLE_RATE + shift - _PAD_S))
    return replace(ep, audio=audio, words=words, extras=sorted(extras, key=lambda s: s.start))


def remove(ep: Episode, start: float, end: float) -> Episode:
    """Remove the audio between ``start`` and ``end``; words inside leave the audio."""
    a, b = round(start * SAMPLE_RATE), round(end * SAMPLE_RATE)
    shift = (b - a) / SAMPLE_RATE
    words = []
    for w in ep.words:
        if w.start is None or w.end is None or w.end <= start:
            words.append(w)
        elif w.start >= end:
            words.append(replace(w, start=w.start - shift, end=w.end - shift))
        elif start <= w.start and w.end <= end:
            words.append(replace(w, start=None, end=None))
        else:
            raise ValueError(f"cut {start:.3f}-{end:.3f} s would split the word {w.text!r}")
    for s in ep.extras:
        if s.end > start and s.start < end:
            raise ValueError(f"cut {start:.3f}-{end:.3f} s overlaps the {s.label}")
    extras = [s if s.end <= start else Span(s.label, s.start - shift, s.end - shift)
              for s in ep.extras]
    return replace(ep, audio=np.concatenate([ep.audio[:a], ep.audio[b:]]), words=words,
                   extras=extras)


def cut_sentence(ep: Episode, first: int, count: int) -> Episode:
    """Cut words ``first``..``first+count-1`` from the audio (they stay in the transcript).

    The cut runs from the middle of the pause before the sentence to the middle of the pause
    after it, so one natural pause is left where the sentence was.
    """
    return remove(ep, ep.gap_after(first - 1), ep.gap_after(first + count - 1))


def add_noise(ep: Episode, snr_db: float, seed: int) -> Episode:
    """Mix in pink noise whose RMS is ``snr_db`` below the speech's (over the words' spans)."""
    audio = ep.audio.astype(np.float64)
    spans = [(round(w.start * SAMPLE_RATE), round(w.end * SAMPLE_RATE))
             for w in ep.words if w.start is not None and w.end is not None]
    speech = np.concatenate([audio[a:b] for a, b in spans])
    speech_rms = float(np.sqrt(np.mean(speech**2)))
    noise = pink_noise(len(audio), seed)
    noise *= speech_rms * 10 ** (-snr_db / 20) / float(np.sqrt(np.mean(noise**2)))
    info = {**ep.info, "snr_db": snr_db, "speech_rms_dbfs": round(_dbfs(speech_rms), 1)}
    return replace(ep, audio=_to_int16(audio + noise), info=info)


def music(seconds: float, seed: int, rms: float) -> np.ndarray:
    """A deterministic instrumental: a four-chord progression under a plucked pentatonic tune.

    Sums of sine partials with attack/decay envelopes (no speech in it), ``rms`` loud, with
    a fade in and out.
    """
    rng = np.random.default_rng(seed)
    n = round(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    out = np.zeros(n)
    root = 110.0 * 2 ** (int(rng.integers(0, 12)) / 12)
    progression = [(0, 4, 7), (7, 11, 14), (9, 12, 16), (5, 9, 12)]  # I V vi IV
    bar = 2.0

    def note(start: float, length: float, freq: float, amp: float, decay: float) -> None:
        a, b = round(start * SAMPLE_RATE), min(n, round((start + length) * SAMPLE_RATE))
        if a >= b:
            return
        local = t[a:b] - start
        env = np.minimum(local / 0.02, 1.0) * np.exp(-local / decay)
        tone = sum(np.sin(2 * np.pi * freq * k * local) / k**1.5 for k in (1, 2, 3, 4))
        out[a:b] += amp * env * tone

    for index in range(math.ceil(seconds / bar)):
        chord = progression[index % len(progression)]
        for semitone in chord:
            note(index * bar, bar, root * 2 ** (semitone / 12), 0.3, 1.2)
    scale = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21]  # major pentatonic, two octaves
    step = int(rng.integers(0, len(scale)))
    beat = 0.25
    for index in range(int(seconds / beat)):
        if rng.random() < 0.2:
            continue  # a rest now and then
        step = int(np.clip(step + rng.integers(-2, 3), 0, len(scale) - 1))
        note(index * beat, 3 * beat, root * 4 * 2 ** (scale[step] / 12), 0.25, 0.25)
    fade = np.minimum(1.0, np.minimum(t / 1.0, (seconds - t) / 2.0))
    out *= np.clip(fade, 0.0, 1.0)
    return out * rms / np.sqrt(np.mean(out**2))


# ----------------------------------------------------------------------------------------
# Building blocks


def _to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def _dbfs(rms: float) -> float:
    return 20 * math.log10(max(rms, 1e-9) / 32768)


def _moved(w: TrueWord, at: float, shift: float) -> TrueWord:
    if w.start is None or w.end is None or w.start < at:
        return w
    return replace(w, start=w.start + shift, end=w.end + shift)


def rendition(name: str, turns: list[tuple[str, str]], seed: int, gap_s: float = 0.8) -> Episode:
    """A clean espeak-ng rendition of ``turns`` with its synthesizer's word truth."""
    s = synthesize(turns, gap_s=gap_s, seed=seed)
    words = [TrueWord(w.text, w.speaker, w.turn, w.start, w.end) for w in s.words]
    return Episode(name, s.audio, list(turns), words, [], {"source": s.source})


def speech_clip(text: str, voice: Voice, seconds: float | None = None, seed: int = 0
                ) -> np.ndarray:
    """``text`` spoken by ``voice`` (float samples), cut after the last word that ends by
    ``seconds`` when given."""
    s = synthesize([("x", text)], {"x": voice}, seed=seed, lead_s=0.0, tail_s=0.0)
    end = len(s.audio)
    if seconds is not None:
        done = [w for w in s.words if w.end <= seconds]
        later = s.words[len(done)] if len(done) < len(s.words) else None
        if later is not None:
            end = round((done[-1].end + later.start) / 2 * SAMPLE_RATE)
    return s.audio[:end].astype(np.float64)


def fillers(voices: dict[str, Voice], seed: int) -> dict[str, list[np.ndarray]]:
    """Each speaker's "um" and "uh", trimmed to the sound (the transcript never has them)."""
    speakers = list(voices)
    turns = [(spk, word) for spk in speakers for word in ("Um,", "Uh,", "Umm.")]
    s = synthesize(turns, voices, seed=seed, gap_s=0.5)
    out: dict[str, list[np.ndarray]] = {spk: [] for spk in speakers}
    for w in s.words:
        a, b = round((w.start - 0.01) * SAMPLE_RATE), round((w.end + 0.03) * SAMPLE_RATE)
        out[w.speaker].append(s.audio[a:b].astype(np.float64))
    return out


def sentence_spans(ep: Episode) -> list[tuple[int, int]]:
    """``(first word, word count)`` of every sentence, never crossing a turn."""
    spans, first = [], 0
    for i, w in enumerate(ep.words):
        last_of_turn = i + 1 == len(ep.words) or ep.words[i + 1].turn != w.turn
        if w.text.rstrip("\"'”’)").endswith((".", "?", "!")) or last_of_turn:
            spans.append((first, i - first + 1))
            first = i + 1
    return spans


def _voices(ep: Episode) -> dict[str, Voice]:
    speakers = list(dict.fromkeys(spk for spk, _ in ep.turns))
    return {spk: DEFAULT_VOICES[i % len(DEFAULT_VOICES)] for i, spk in enumerate(speakers)}


def choose_cut(ep: Episode, rng: random.Random, lo: float, hi: float,
               avoid_turns: set[int] = frozenset()) -> tuple[int, int]:
    """A sentence of 6–20 words, not the first of its turn nor the episode's last, inside
    the ``lo``..``hi`` fraction of the episode's words, to cut from the audio."""
    spans = sentence_spans(ep)
    n = len(ep.words)
    candidates = [
        (first, count) for first, count in spans
        if 6 <= count <= 20 and lo * n <= first <= hi * n and first + count < n
        and ep.words[first - 1].turn == ep.words[first].turn
        and ep.words[first].turn not in avoid_turns
    ]
    if not candidates:
        raise ValueError(f"{ep.name}: no sentence fits the cut")
    return rng.choice(candidates)


def turn_change(ep: Episode, after: int) -> int:
    """The first word at or after index ``after`` that is in the audio and ends its turn
    there (the next word in the audio belongs to the next turn)."""
    heard = [i for i, w in enumerate(ep.words) if w.start is not None]
    return next(i for i, j in zip(heard, heard[1:], strict=False) if i >= after
                and ep.words[j].turn != ep.words[i].turn)


def insert_fillers(ep: Episode, count: int, seed: int, avoid: set[int]) -> Episode:
    """Insert ``count`` fillers, each in its speaker's voice, at pauses between sentences of
    one turn (not next to the words in ``avoid``)."""
    rng = random.Random(seed)
    sounds = fillers(_voices(ep), seed)
    spans = sentence_spans(ep)
    gaps = [first + c - 1 for first, c in spans
            if first + c < len(ep.words)
            and ep.words[first + c].turn == ep.words[first].turn
            and not {first + c - 1, first + c} & avoid
            and ep.words[first + c - 1].start is not None
            and ep.words[first + c].start is not None]
    chosen = sorted(rng.sample(gaps, min(count, len(gaps))), reverse=True)
    for k, after in enumerate(chosen):  # latest first, so earlier positions stay put
        speaker = ep.words[after].speaker
        ep = insert(ep, ep.gap_after(after), rng.choice(sounds[speaker]), "filler", seed + k)
    return ep


# ----------------------------------------------------------------------------------------
# Episodes


def script(seed: int, seconds: float = 300) -> list[tuple[str, str]]:
    """The three-speaker conversation that the clean and hard episodes share."""
    return dlg.dialogue(seed, [HOST, GUEST_A, GUEST_B], seconds)


def clean_episode(seed: int = 11) -> Episode:
    """About 5 minutes, three speakers, nothing edited."""
    return rendition("clean", script(seed), seed)


def hard_episode(seed: int = 11) -> Episode:
    """The clean conversation plus a 6-minute single turn, then edited: a 30 s music intro,
    eight fillers the transcript lacks, one sentence cut from the audio (kept in the
    transcript), a 60 s ad break, and pink noise 20 dB below the speech."""
    rng = random.Random(seed)
    turns = script(seed)
    middle = len(turns) // 2 | 1  # an odd index: a guest's turn follows the host's question
    long_turn = (turns[middle][0], dlg.monologue(seed + 1, 360))
    ep = rendition("hard", turns[:middle] + [long_turn] + turns[middle:], seed)
    ep = replace(ep, info={**ep.info, "long_turn": middle})
    # The cut: in the last third, outside the long turn.
    first, count = choose_cut(ep, rng, 0.70, 0.95, avoid_turns={middle})
    ep = cut_sentence(ep, first, count)
    ep = insert_fillers(ep, 8, seed, avoid=set(range(first - 1, first + count + 1)))
    # The ad break: at a turn change a fifth of the way in.
    boundary = turn_change(ep, len(ep.words) // 5)
    ad = speech_clip(dlg.advert(seed, 75), AD_VOICE, 60.0, seed)
    ep = insert(ep, ep.gap_after(boundary), ad, "ad", seed)
    speech_rms = float(np.sqrt(np.mean(ep.audio.astype(np.float64) ** 2)))
    ep = insert(ep, 0.0, music(30.0, seed, speech_rms), "music", seed)
    ep = add_noise(ep, 20.0, seed)
    spoken = [w for w in ep.words if w.turn == middle and w.start is not None]
    info = {"long_turn_s": round(spoken[-1].end - spoken[0].start, 1),
            "cut_words": count, "cut_first_word": first}
    return replace(ep, info={**ep.info, **info})


def long_episode(seed: int = 23, seconds: float = 45 * 60) -> Episode:
    """About 45 minutes of three-speaker conversation, for speed and memory."""
    return rendition("long", script(seed, seconds), seed)


def small_episode(seed: int = 5) -> Episode:
    """About 40 s, two speakers, one sentence cut from the audio and a 10 s ad inserted."""
    rng = random.Random(seed)
    # Host, guest, host, guest: short answers keep it near 40 s with the ad in.
    turns = dlg.dialogue(seed, [HOST, GUEST_A], 60, sentences_per_answer=(2, 3))[:4]
    ep = rendition("small", turns, seed, gap_s=0.6)
    first, count = choose_cut(ep, rng, 0.4, 0.9)
    ep = cut_sentence(ep, first, count)
    boundary = turn_change(ep, len(ep.words) // 4)
    ad = speech_clip(dlg.advert(seed, 12), AD_VOICE, 10.0, seed)
    return insert(ep, ep.gap_after(boundary), ad, "ad", seed)


# ----------------------------------------------------------------------------------------
# Transcripts and files


def transcript_text(ep: Episode, stamps: str = "accurate", seed: int = 0) -> str:
    """The episode's transcript in the podcast format.

    ``stamps``: "accurate" (each turn's true start, truncated to the second as real
    transcripts show it), "wrong" (off by a seeded uniform ±10 s), or "absent" (the labelled
    format ``Name: text``, which carries no times).
    """
    if stamps == "absent":
        return "".join(f"{spk}: {text}\n" for spk, text in ep.turns)
    if stamps not in ("accurate", "wrong"):
        raise ValueError(f"unknown timestamp variant {stamps!r}")
    rng = random.Random(seed)
    lines = [f"Synthesized episode: {ep.name}", "Transcript"]
    for (spk, text), start in zip(ep.turns, ep.turn_starts(), strict=True):
        shown = start + rng.uniform(-10, 10) if stamps == "wrong" else start
        whole = int(max(0.0, shown))
        lines.append(f"{spk} [{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}] {text}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------
# Cache


def _sources_digest() -> str:
    h = hashlib.sha256()
    for path in (Path(__file__), Path(dlg.__file__), ROOT / "fixtures" / "synth.py"):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def to_json(ep: Episode) -> dict:
    """The episode without its audio, as JSON-ready data."""
    return {
        "name": ep.name, "turns": ep.turns, "info": ep.info,
        "words": [[w.text, w.speaker, w.turn, w.start, w.end] for w in ep.words],
        "extras": [[s.label, s.start, s.end] for s in ep.extras],
    }


def from_json(data: dict, audio: np.ndarray) -> Episode:
    return Episode(
        data["name"], audio, [tuple(t) for t in data["turns"]],
        [TrueWord(*w) for w in data["words"]], [Span(*s) for s in data["extras"]], data["info"],
    )


def cached(builder: Callable[..., Episode], **params: object) -> Episode:
    """``builder(**params)``, kept in ``bench/.cache`` and rebuilt when this code changes."""
    key = hashlib.sha256(json.dumps([builder.__name__, params, _sources_digest()],
                                    sort_keys=True).encode()).hexdigest()[:16]
    stem = CACHE / f"{builder.__name__}-{key}"
    meta, wav = stem.with_suffix(".json"), stem.with_suffix(".npy")
    if meta.exists() and wav.exists():
        return from_json(json.loads(meta.read_text()), np.load(wav))
    ep = builder(**params)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(wav, ep.audio)
    meta.write_text(json.dumps(to_json(ep)))
    return ep
