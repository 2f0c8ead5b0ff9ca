"""Where the transcript and the audio disagree, found with Whisper only where it is needed.

Edited transcripts leave out what was said (an ad break, a retake) or keep what was cut from
the audio. After the two alignment stages such places look wrong in a few measurable ways:
a word stretched over seconds, a long stretch of speech that no word covers, or a run of
words the exact aligner could not place. Only those regions are transcribed by Whisper; the
transcription is matched to the transcript's words to tell which words were not said and
which speech the transcript lacks. A word is called "not in the audio" only when the exact
aligner confirms it: the region aligns better without the word than with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from ..audio import Audio
from ..model import Discrepancy
from .chunks import UNCOVERED_MS, Chunk, pause_between, speech_ms, stretched
from .normalize import spoken_tokens
from .precise import Refined, refine_chunk
from .sphinx import SphinxAligner
from .whisper import WhisperAligner
from .windows import Placed

FRAME_MS = 10
CONTEXT_WORDS = 2  # confirmed words kept on each side of a region, as anchors
MAX_SENTENCE_WORDS = 40  # a region grows to its sentences' edges by at most this many words
MIN_INSERT_MS = 800
MIN_WINDOW_MS = 20_000
MAX_REGION_WORDS = 400
PLAUSIBLE_MS = 60  # a word the exact aligner gave at least this long was probably heard
SUBSTITUTE = 1.0  # costs of the token pairing (see match_tokens)
GAP_OPEN = 1.5
GAP_EXTEND = 0.2
# Per second between where a word was placed and where it was heard, capped at 10 s: only a
# tie-breaker between repeated phrases, never a reason to leave a word unpaired.
TIME_COST = 0.01
PLACED_DROP = 0.4  # shorter unmatched speech is a filler or a misheard word, not a segment
MIN_SOUND_MS = 5_000  # sound no word explains for this long is reported (music, an ad break)
EDGE_MS = 300  # sound this close to an aligned word belongs to it (breath, release)
JOIN_MS = 1_500  # unexplained sound with shorter gaps between is one stretch
# Whisper spells names its own way ("Bronwyn" for "Bronwen"): tokens this long and this alike
# count as the same word.
NAME_CHARS = 5
NAME_LIKENESS = 0.8
NEAR_CHARS = 4
ISLAND_CHARS = 3  # a token this short, paired alone among unpaired ones, is a chance match
# Whisper drops a word cut off at a clip's edge: it hears a region with this much audio on
# each side, and keeps the words whose middle lies inside the region.
HEARING_MARGIN_MS = 2_000


@dataclass(frozen=True)
class Region:
    """Words ``first``..``end``-1 and the audio ``start_ms``..``end_ms`` to look at again."""

    first: int
    end: int
    start_ms: int
    end_ms: int


def suspicious_regions(
    refined: list[Refined],
    spoken: list[str],
    speech: np.ndarray,
    duration_ms: int,
    sentence_end: list[bool] | None = None,
) -> list[Region]:
    """Regions whose alignment looks wrong, merged and padded with confirmed neighbours.

    ``spoken`` is each word as said, which sets how long it may plausibly last. A region
    takes in the whole sentences it touches (``sentence_end``: the word ends one): a
    sentence is said in one go, so when part of it sits in the wrong place, its first words
    may have been left behind (on an ad break that the transcript never mentions).
    """
    n = len(refined)
    flagged: list[int] = []
    for i, r in enumerate(refined):
        if stretched(r.end - r.start, spoken[i]) or (r.engine == "whisper" and i > 0 and i < n - 1):
            flagged.append(i)
        if i + 1 < n and speech_ms(speech, r.end, refined[i + 1].start) >= UNCOVERED_MS:
            flagged.extend((i, i + 1))
    if not flagged:
        return []
    groups: list[list[int]] = [[flagged[0]]]
    for i in sorted(set(flagged))[1:]:
        if i - groups[-1][-1] <= 2 * CONTEXT_WORDS + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    regions = []
    for g in groups:
        if len(g) > MAX_REGION_WORDS:
            continue  # far more words than any window of audio holds: they stay interpolated
        first, end = max(0, g[0] - CONTEXT_WORDS), min(n, g[-1] + 1 + CONTEXT_WORDS)
        # Whisper transcribes short clips badly: give it a window near its native 30 s.
        while end - first < n and _span(refined, first, end, duration_ms) < MIN_WINDOW_MS:
            first, end = max(0, first - 1), min(n, end + 1)
        if sentence_end is not None:
            first, end = _whole_sentences(sentence_end, first, end)
        if regions and first <= regions[-1].end:
            first = regions.pop().first
        start_ms, end_ms = _bounds(refined, first, end, duration_ms)
        regions.append(Region(first, end, start_ms, end_ms))
    return regions


def _whole_sentences(sentence_end: list[bool], first: int, end: int) -> tuple[int, int]:
    """Words ``first``..``end`` grown to sentence boundaries, by at most a sentence's length.

    >>> ends = [w.endswith(".") for w in "We met. The grant was spent. Then".split()]
    >>> _whole_sentences(ends, 3, 4)
    (2, 6)
    """
    low = max(0, first - MAX_SENTENCE_WORDS)
    while first > low and not sentence_end[first - 1]:
        first -= 1
    high = min(len(sentence_end), end + MAX_SENTENCE_WORDS)
    while end < high and not sentence_end[end - 1]:
        end += 1
    return first, end


def _bounds(refined: list[Refined], first: int, end: int, duration_ms: int) -> tuple[int, int]:
    start_ms = refined[first].start - 300 if first > 0 else 0
    end_ms = refined[end - 1].end + 300 if end < len(refined) else duration_ms
    return max(0, start_ms), min(duration_ms, end_ms)


def _span(refined: list[Refined], first: int, end: int, duration_ms: int) -> int:
    a, b = _bounds(refined, first, end, duration_ms)
    return b - a


@dataclass(frozen=True)
class _Heard:
    token: str
    start: int
    end: int


def transcribe(whisper: WhisperAligner, samples: np.ndarray, offset_ms: int) -> list[_Heard]:
    """What Whisper hears in a stretch, as spoken tokens with absolute times (ms)."""
    segments = whisper.transcribe(samples)
    heard: list[_Heard] = []
    for seg in segments:
        for w in seg.words or []:
            start = offset_ms + int(w.start * 1000) - whisper.lag_ms
            end = offset_ms + int(w.end * 1000) - whisper.lag_ms
            for token in spoken_tokens(w.word):
                heard.append(_Heard(token, max(offset_ms, start), max(start, end)))
    return heard


def resolve(
    region: Region,
    audio: Audio,
    words: list[str],
    tokens_of_word: list[list[str]],
    refined: list[Refined],
    speech: np.ndarray,
    whisper: WhisperAligner,
    sphinx: SphinxAligner,
) -> list[Discrepancy]:
    """Re-place the region's words from a transcription; report what disagrees.

    Updates ``refined`` in place for the region's words.
    """
    idx = list(range(region.first, region.end))
    owner = [i for i in idx for _ in tokens_of_word[i]]
    ours = [t for i in idx for t in tokens_of_word[i]]
    heard = fit_to(ours, hear_region(whisper, audio, region))
    plausible = [refined[i].end - refined[i].start >= PLAUSIBLE_MS for i in owner]
    match_of_token = match_tokens(ours, [refined[i].start for i in owner], heard, plausible)
    heard_by_word: dict[int, list[int]] = {}
    for t, h in match_of_token.items():
        heard_by_word.setdefault(owner[t], []).append(h)
    found = _inserted(
        match_of_token, owner, heard, region.first == 0, region.end == len(words)
    )
    used = set(match_of_token.values())
    # Transcript words nobody said: unmatched runs with nothing heard in their place.
    runs = _unmatched_runs(idx, heard_by_word)
    cut: set[int] = set()
    for run in runs:
        if _heard_between(run, heard_by_word, heard, used):
            continue  # something else was said there: a mishearing, not a cut
        if _confirm_cut(run, region, len(words), audio, tokens_of_word, heard_by_word, heard,
                        speech, sphinx):
            cut.update(run)
            at = _boundary_ms(run, heard_by_word, heard, refined)
            text = " ".join(words[i] for i in run)
            found.append(Discrepancy("not_in_audio", at, at, text, run[0], len(run)))
    _replace_times(region, idx, cut, heard_by_word, heard, refined, audio, tokens_of_word,
                   speech, sphinx, found)
    return found


def _inserted(
    match_of_token: dict[int, int],
    owner: list[int],
    heard: list[_Heard],
    audio_starts: bool = True,
    audio_ends: bool = True,
) -> list[Discrepancy]:
    """Speech heard between two consecutive matched tokens with none of ours between them.

    ``owner`` gives the word of each of our tokens. Unmatched tokens on both sides are a
    mishearing ("forty eight pounds fifty" heard as "forty eight five zero"), and so is speech
    inside one word ("1990" heard as "nineteen hundred and ninety"): neither is speech the
    transcript lacks. Before the first matched token and after the last, speech counts only
    where the audio starts (``audio_starts``) or ends there: elsewhere it may be the words
    just outside the region, misheard.
    """
    found: list[Discrepancy] = []
    n_ours = len(owner)
    pairs = sorted(match_of_token.items())
    if audio_starts:
        pairs.insert(0, (-1, -1))
    if audio_ends:
        pairs.append((n_ours, len(heard)))
    for (t1, h1), (t2, h2) in zip(pairs, pairs[1:], strict=False):
        extra = heard[h1 + 1:h2]
        if t1 >= 0 and t2 < n_ours and owner[t1] == owner[t2]:
            continue
        if extra and t2 == t1 + 1 and extra[-1].end - extra[0].start >= MIN_INSERT_MS:
            text = " ".join(h.token for h in extra)
            found.append(Discrepancy("not_in_transcript", extra[0].start, extra[-1].end, text))
    return found


def hear_region(whisper: WhisperAligner, audio: Audio, region: Region) -> list[_Heard]:
    """What Whisper hears inside ``region``, heard with some of the audio around it."""
    a = max(0, region.start_ms - HEARING_MARGIN_MS)
    b = min(audio.duration_ms, region.end_ms + HEARING_MARGIN_MS)
    return [
        h
        for h in transcribe(whisper, audio.slice(a, b), a)
        if region.start_ms <= (h.start + h.end) // 2 < region.end_ms
    ]


def supersede(
    earlier: list[Discrepancy], found: list[Discrepancy], region: Region
) -> list[Discrepancy]:
    """``earlier`` and ``found`` together, a region's new look replacing what it heard again.

    Speech reported missing from the transcript by a first look is dropped where a later
    look at the same audio reports missing speech over it: the later look placed the words
    around it better, and the first report may have swallowed some of them.

    >>> ad = Discrepancy("not_in_transcript", 190_000, 225_500, "see the website the grant")
    >>> again = Discrepancy("not_in_transcript", 163_400, 223_200, "terms apply see the website")
    >>> [d.end for d in supersede([ad], [again], Region(350, 420, 159_000, 242_000))]
    [223200]
    """
    fresh = [d for d in found if d.kind == "not_in_transcript"]

    def replaced(d: Discrepancy) -> bool:
        return (
            d.kind == "not_in_transcript"
            and region.start_ms <= d.start and d.end <= region.end_ms
            and any(f.start < d.end and d.start < f.end for f in fresh)
        )

    return [d for d in earlier if not replaced(d)] + found


def fit_to(ours: list[str], heard: list[_Heard]) -> list[_Heard]:
    """Heard tokens written as ours where only the spacing differs.

    Whisper writes "every one" for the transcript's "everyone" and "everyone" for "every one";
    left apart, neither token matches and a whole sentence around them can look misheard.

    >>> heard = [_Heard("every", 0, 200), _Heard("one", 200, 400), _Heard("wants", 400, 700)]
    >>> [(h.token, h.start, h.end) for h in fit_to(["everyone", "wants"], heard)]
    [('everyone', 0, 400), ('wants', 400, 700)]
    >>> [(h.token, h.end) for h in fit_to(["any", "way"], [_Heard("anyway", 0, 600)])]
    [('any', 300), ('way', 600)]
    """
    known = set(ours)
    neighbours = set(zip(ours, ours[1:], strict=False))
    pairs = {a + b: (a, b) for a, b in neighbours}
    out: list[_Heard] = []
    k = 0
    while k < len(heard):
        h = heard[k]
        joined = h.token + heard[k + 1].token if k + 1 < len(heard) else ""
        if joined in known and (h.token, heard[k + 1].token) not in neighbours:
            out.append(_Heard(joined, h.start, heard[k + 1].end))
            k += 2
            continue
        if h.token not in known and h.token in pairs:
            a, b = pairs[h.token]
            cut = h.start + (h.end - h.start) * len(a) // len(h.token)
            out += [_Heard(a, h.start, cut), _Heard(b, cut, h.end)]
        else:
            out.append(h)
        k += 1
    return out


def same_word(ours: str, heard: str) -> bool:
    """The same token, or the same name spelled another way.

    >>> same_word("bronwen", "bronwyn"), same_word("cables", "tables")
    (True, False)
    """
    if ours == heard:
        return True
    if min(len(ours), len(heard)) < NAME_CHARS or ours[0] != heard[0]:
        return False
    return SequenceMatcher(a=ours, b=heard).ratio() >= NAME_LIKENESS


def match_tokens(
    ours: list[str], ours_ms: list[int], heard: list[_Heard], placed: list[bool] | None = None
) -> dict[int, int]:
    """Pair our tokens with heard ones: an edit-distance alignment with affine gaps.

    Gaps cost more to open than to extend, so a sentence missing from the audio is one gap
    rather than a scatter of chance matches ("a", "in"); among equally good pairings the one
    closest in time to where the words were placed wins (repeated phrases). Leaving out a
    token whose word the exact aligner had placed plausibly (``placed``) costs more than one
    it had squeezed into nothing. Returns ``{our index: heard index}`` for the same tokens
    (:func:`same_word`), chance matches left out (:func:`without_islands`).

    >>> h = [_Heard("brake", 1000, 1200), _Heard("cables", 1200, 1500)]
    >>> ours = ["brake", "cables", "the", "brake", "cables"]
    >>> match_tokens(ours, [1000, 1200, 1500, 1700, 1900], h)
    {0: 0, 1: 1}
    """
    n, m = len(ours), len(heard)
    inf = float("inf")
    pairs_of_tokens = [(a, b) for a in set(ours) for b in {h.token for h in heard}]
    alike = {pair for pair in pairs_of_tokens if same_word(*pair)}
    # A near miss ("grant" heard as "rent") is no pair, but costs less than two gaps' worth
    # of unrelated words: it keeps the path where the sentence really is.
    near = {
        (a, b): SequenceMatcher(a=a, b=b).ratio()
        for a, b in pairs_of_tokens
        if min(len(a), len(b)) >= NEAR_CHARS and (a, b) not in alike
    }
    drop = [PLACED_DROP if p else 0.0 for p in (placed or [False] * n)]
    # cost[k][i][j]: best cost of pairing ours[:i] with heard[:j] ending in state k
    # (0: a pair, 1: our token unheard, 2: a heard token not ours); back[k][i][j]: the state
    # before it.
    cost = [[[inf] * (m + 1) for _ in range(n + 1)] for _ in range(3)]
    back = [[[0] * (m + 1) for _ in range(n + 1)] for _ in range(3)]
    cost[0][0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i and j:
                pair = (ours[i - 1], heard[j - 1].token)
                unlike = 0.0 if pair in alike else SUBSTITUTE * (1 - near.get(pair, 0.0))
                step = unlike + TIME_COST * (
                    min(abs(ours_ms[i - 1] - heard[j - 1].start), 10_000) / 1000
                )
                k = min(range(3), key=lambda s: cost[s][i - 1][j - 1])
                cost[0][i][j], back[0][i][j] = cost[k][i - 1][j - 1] + step, k
            if i:
                extra = drop[i - 1]
                options = [cost[0][i - 1][j] + GAP_OPEN + extra,
                           cost[1][i - 1][j] + GAP_EXTEND + extra,
                           cost[2][i - 1][j] + GAP_OPEN + extra]
                k = min(range(3), key=options.__getitem__)
                cost[1][i][j], back[1][i][j] = options[k], k
            if j:
                options = [cost[0][i][j - 1] + GAP_OPEN, cost[1][i][j - 1] + GAP_OPEN,
                           cost[2][i][j - 1] + GAP_EXTEND]
                k = min(range(3), key=options.__getitem__)
                cost[2][i][j], back[2][i][j] = options[k], k
    pairs: dict[int, int] = {}
    i, j = n, m
    k = min(range(3), key=lambda s: cost[s][n][m])
    while i or j:
        previous = back[k][i][j]
        if k == 0:
            if (ours[i - 1], heard[j - 1].token) in alike:
                pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif k == 1:
            i -= 1
        else:
            j -= 1
        k = previous
    return without_islands(dict(sorted(pairs.items())), ours)


def without_islands(match_of_token: dict[int, int], ours: list[str]) -> dict[int, int]:
    """Pairs without chance matches: a short token ("I", "a", "to") paired alone, with our
    tokens on both sides unpaired, says nothing about where its words were said.

    Whisper hears "Neither did I. Okay, then I thought" on a phone line as "I need to
    design"; pairing its "I" with the transcript's second "I" would leave "Neither did I.
    Okay, then" with nothing heard in its place, and so look cut from the audio.

    >>> without_islands({0: 0, 4: 1, 7: 5, 8: 6}, "so neither did i i thought you know i".split())
    {0: 0, 7: 5, 8: 6}
    """
    return {
        t: h
        for t, h in match_of_token.items()
        if len(ours[t]) > ISLAND_CHARS
        or t == 0 or t == len(ours) - 1
        or t - 1 in match_of_token or t + 1 in match_of_token
    }


def _unmatched_runs(idx: list[int], heard_by_word: dict[int, list[int]]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in idx:
        if i in heard_by_word:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _neighbours(run, heard_by_word):
    left = max((i for i in heard_by_word if i < run[0]), default=None)
    right = min((i for i in heard_by_word if i > run[-1]), default=None)
    return left, right


def _heard_between(run, heard_by_word, heard, used) -> bool:
    left, right = _neighbours(run, heard_by_word)
    lo = max(heard_by_word[left]) + 1 if left is not None else 0
    hi = min(heard_by_word[right]) if right is not None else len(heard)
    return any(h not in used for h in range(lo, hi))


def _boundary_ms(run, heard_by_word, heard, refined) -> int:
    left, right = _neighbours(run, heard_by_word)
    if left is not None:
        return heard[max(heard_by_word[left])].end
    if right is not None:
        return heard[min(heard_by_word[right])].start
    return refined[run[0]].start


def _confirm_cut(run, region, n_words, audio, tokens_of_word, heard_by_word, heard, speech,
                 sphinx):
    """The exact aligner must agree: the neighbourhood aligns better without the run."""
    left, right = _neighbours(run, heard_by_word)
    if left is None or right is None:
        # Nothing heard on one side: a cut only where the audio itself ends (or starts)
        # there; at a region's inner edge the words may lie just outside what was heard.
        return (left is None and region.first == 0) or (right is None and region.end == n_words)
    # No shortcut through Whisper's times: neighbours heard too close together for the run
    # to fit between them were taken as proof, until a phone call showed Whisper giving "so"
    # and "I" 0 ms apart where "so what can I say? Oh, I" was said.
    window = _pause_window(left, right, heard_by_word, heard, speech)
    if window is None:
        return False
    first, last, a, b = window
    samples = audio.slice(a, b)
    with_run = [t for i in range(first, last + 1) for t in tokens_of_word[i]]
    without = [t for i in range(first, last + 1) if i not in run for t in tokens_of_word[i]]
    score_without = sphinx.log_likelihood(samples, without)
    if score_without is None:
        return False
    score_with = sphinx.log_likelihood(samples, with_run)
    return score_with is None or score_without >= score_with


def _pause_window(left, right, heard_by_word, heard, speech, reach: int = 20):
    """(first word, last word, start ms, end ms): matched words around the run, cut at pauses.

    Walks outwards from the run's matched neighbours until a pause separates two matched
    words, so the window holds exactly the words it is aligned with.
    """
    matched = sorted(heard_by_word)
    li, ri = matched.index(left), matched.index(right)
    start = end = None
    first, last = left, right
    for k in range(li, max(0, li - reach), -1):
        a, b = matched[k - 1], matched[k]
        found = pause_between(speech, heard[max(heard_by_word[a])].end - 150,
                               heard[min(heard_by_word[b])].start + 150)
        if found and b == a + 1:
            start, first = found[0], b
            break
    for k in range(ri, min(len(matched) - 1, ri + reach)):
        a, b = matched[k], matched[k + 1]
        found = pause_between(speech, heard[max(heard_by_word[a])].end - 150,
                               heard[min(heard_by_word[b])].start + 150)
        if found and b == a + 1:
            end, last = found[0], a
            break
    if start is None or end is None:
        return None
    return first, last, start, end


def _replace_times(region, idx, cut, heard_by_word, heard, refined, audio, tokens_of_word,
                   speech, sphinx, found) -> None:
    """Coarse times from the transcription, then exact times stretch by stretch."""
    inserts = [d for d in found if d.kind == "not_in_transcript"]
    coarse: dict[int, Placed] = {}
    for i in idx:
        if i in heard_by_word:
            hs = heard_by_word[i]
            coarse[i] = Placed(heard[min(hs)].start, heard[max(hs)].end, 1.0)
    # Stretches of words to align exactly, split at cut words and inserted speech.
    stretches: list[list[int]] = [[]]
    for i in idx:
        if i in cut:
            stretches.append([])
            continue
        if stretches[-1] and i in coarse and any(
            coarse.get(stretches[-1][-1], refined[stretches[-1][-1]]).end <= d.start
            and d.end <= coarse[i].start
            for d in inserts
        ):
            stretches.append([])
        stretches[-1].append(i)
    for i in cut:
        at = next(d.start for d in found if d.kind == "not_in_audio"
                  and d.first_word <= i < d.first_word + d.word_count)
        refined[i] = Refined(at, at, "none")
    for stretch in (s for s in stretches if s):
        start = coarse.get(stretch[0], refined[stretch[0]]).start
        end = coarse.get(stretch[-1], refined[stretch[-1]]).end
        lo = pause_between(speech, start - 400, start) if start > region.start_ms else None
        hi = pause_between(speech, end, end + 400) if end < region.end_ms else None
        # Without a pause, a stretch meets the words the exact aligner placed beside it: the
        # one before (already re-placed, or outside the region) and one after the region.
        floor = max(region.start_ms, start - 150)
        before = refined[stretch[0] - 1] if stretch[0] > 0 else None
        if before and before.engine == "sphinx" and floor < before.end <= start + 300:
            floor = before.end
        ceiling = min(region.end_ms, end + 150)
        after = refined[stretch[-1] + 1] if stretch[-1] + 1 == region.end < len(refined) else None
        if after and after.engine == "sphinx" and end - 300 <= after.start < ceiling:
            ceiling = after.start
        chunk = Chunk(stretch[0], stretch[-1] + 1, lo[0] if lo else floor,
                      hi[0] if hi else ceiling)
        placed = [
            coarse.get(i, Placed(refined[i].start, refined[i].end, 0.0))
            for i in range(len(refined))
        ]
        out: list[Refined | None] = [None] * len(refined)
        refine_chunk(audio, chunk, placed, tokens_of_word, speech, sphinx, out, 2)
        for i in stretch:
            if out[i] is not None:
                refined[i] = out[i]
            elif i in coarse:
                refined[i] = Refined(coarse[i].start, coarse[i].end, "whisper")


def unexplained_sound(
    sound: np.ndarray,
    covered: list[tuple[int, int]],
    min_ms: int = MIN_SOUND_MS,
) -> list[tuple[int, int]]:
    """Stretches of sound (ms) that no aligned word or reported speech accounts for.

    A music intro, a jingle or an ad break the transcript never mentions is sound without a
    word on it. Short gaps (breaths, the sound around a word's edges) are not reported.

    >>> sound = np.ones(1_000, dtype=bool)  # 10 s of sound
    >>> unexplained_sound(sound, [(0, 2_000), (7_000, 10_000)], min_ms=3_000)
    [(2300, 6700)]
    """
    free = sound.copy()
    for a, b in covered:
        free[max(0, (a - EDGE_MS) // FRAME_MS):max(0, (b + EDGE_MS) // FRAME_MS)] = False
    runs: list[list[int]] = []
    for i in np.flatnonzero(free):
        if runs and i - runs[-1][1] <= JOIN_MS // FRAME_MS:
            runs[-1][1] = int(i) + 1
        else:
            runs.append([int(i), int(i) + 1])
    return [
        (a * FRAME_MS, b * FRAME_MS)
        for a, b in runs
        if (b - a) * FRAME_MS >= min_ms and free[a:b].mean() >= 0.5
    ]


def report_sound(
    stretches: list[tuple[int, int]], audio: Audio, whisper: WhisperAligner
) -> list[Discrepancy]:
    """Each unexplained stretch as audio the transcript lacks, with what Whisper hears in it."""
    found = []
    for a, b in stretches:
        heard = transcribe(whisper, audio.slice(a, b), a)
        found.append(Discrepancy("not_in_transcript", a, b, " ".join(h.token for h in heard)))
    return found
