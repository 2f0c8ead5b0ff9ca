"""Telling a cut sentence from a mishearing: the transcript against what Whisper heard."""

from __future__ import annotations

from captionkit.align.discrepancy import _Heard, fit_to, match_tokens
from captionkit.align.normalize import spoken_tokens

# As in the hard benchmark episode: the second sentence was cut from the audio, and Whisper
# writes "everyone" as two words and spells the name "Bronwen" its own way.
TRANSCRIPT = ("the job everyone wants. Theo turned up one Sunday with 4 pear grafts in the back"
              " of a van. Bronwen reckons mapping every tree takes time")
HEARD = "the job every one wants bronwyn reckons mapping every tree takes time"


def _unheard_words() -> list[str]:
    words = TRANSCRIPT.split()
    owner = [i for i, w in enumerate(words) for _ in spoken_tokens(w)]
    ours = [t for w in words for t in spoken_tokens(w)]
    heard = [_Heard(t, 300 * k, 300 * k + 250) for k, t in enumerate(HEARD.split())]
    pairs = match_tokens(ours, [300 * k for k in range(len(ours))], fit_to(ours, heard))
    matched = {owner[t] for t in pairs}
    return [w for i, w in enumerate(words) if i not in matched]


def test_only_the_cut_sentence_is_left_unheard():
    # Matched token for token, "everyone" and "Bronwen" found no partner, and the unheard
    # run swallowed them and "wants" too: it then had heard speech inside it and was taken
    # for a mishearing, so the cut sentence was never reported.
    cut = TRANSCRIPT.split()[4:19]
    assert " ".join(cut) == "Theo turned up one Sunday with 4 pear grafts in the back of a van."
    assert _unheard_words() == cut


def test_spacing_is_only_fitted_where_the_transcript_has_the_joined_word():
    ours = ["every", "one", "of", "them"]
    heard = [_Heard("every", 0, 200), _Heard("one", 200, 400)]
    assert [h.token for h in fit_to(ours, heard)] == ["every", "one"]
