"""Sound descriptions in a transcript ("[laughs]", "[applause]") are kept but never said."""

from __future__ import annotations

import numpy as np
import pytest

from captionkit.sounds import sound_words
from fixtures.synth import espeak_available, pink_noise

TEXT = ("We met at the harbour at six, as we always do. [laughs] Nobody else had turned up yet,"
        " so we started on our own. [inaudible] By eight the tide had turned and the counts were"
        " done. [music] That was the last survey of the season.")


MIXED = "Well [both laugh] yes <cough> [not closed for a long long while"


def test_a_description_is_one_to_six_bracketed_words():
    assert sound_words(MIXED.split()) == [False, True, True, False, True] + [False] * 7


@pytest.mark.skipif(not espeak_available(), reason="libespeak-ng.so.1 not installed")
def test_words_around_a_described_sound_keep_their_times(aligner):
    # Read as words, "[inaudible]" and "[music]" had the phones of "inaudible" and "music"
    # forced onto a noise: the sentence after them started up to 1.1 s early.
    from captionkit.align import align
    from captionkit.audio import Audio
    from captionkit.model import Transcript, Turn
    from fixtures.synth import synthesize

    words = TEXT.split()
    said = [w for w, s in zip(words, sound_words(words), strict=True) if not s]
    spoken = synthesize([("Ann", " ".join(said))])
    audio = spoken.audio.astype(np.float32) / 32768
    level = float(np.sqrt(np.mean(audio[np.abs(audio) > 1e-3] ** 2)))
    truth = [t.start * 1000 for t in spoken.words]
    pieces, last, k, bursts = [], 0, 0, []
    for i, word in enumerate(words):  # a second of noise where each description is
        if not word.startswith("["):
            k += 1
            continue
        at = int((spoken.words[k - 1].end + spoken.words[k].start) / 2 * 16000)
        noise = pink_noise(16000, i).astype(np.float32) * 0.7 * level
        pieces += [audio[last:at], noise]
        bursts.append((at + 16000 * len(bursts)) / 16)
        last = at
        truth[k:] = [t + 1000 for t in truth[k:]]
    audio = np.concatenate([*pieces, audio[last:]])

    result = align(Transcript([Turn("Ann", TEXT)]), Audio(audio), aligner)
    assert [w.text for w in result.words] == words
    placed = [w for w in result.words if not w.text.startswith("[")]
    off = [round(w.start - t) for w, t in zip(placed, truth, strict=True)]
    assert max(abs(ms) for ms in off) <= 250, off
    for word, burst in zip([w for w in result.words if w.text.startswith("[")], bursts,
                           strict=True):
        assert burst - 300 <= word.start <= burst + 1300, (word, burst)
    assert not result.warnings  # a description is not a word the aligner failed on
