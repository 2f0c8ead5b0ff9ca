"""Property: generated transcripts rendered in podcast and labelled styles read back exactly."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from captionkit.transcript import detect_format, parse_transcript
from captionkit.transcript.timecodes import format_timestamp

UPPER = string.ascii_uppercase + "ÁÉÖØÅŁŞÇŽÑÆΩЖДΣ"
LOWER = string.ascii_lowercase + "áéöøåłşçžñæωжд"
NAME_TAIL = LOWER + UPPER + "’'-."

first_letter = st.sampled_from(UPPER)
name_word = st.builds(lambda a, b: a + b, first_letter, st.text(NAME_TAIL, max_size=8))
names = st.lists(name_word, min_size=1, max_size=3).map(" ".join)

# Words as people write them: letters, digits, punctuation, times and bracketed notes.
LETTERS = string.ascii_letters + "éüßøçñ’'"
word = st.one_of(
    st.text(LETTERS + string.digits + ".,!?;—-()\"%&$", min_size=1, max_size=10),
    st.integers(0, 10_000).map(str),
    st.sampled_from(["10:30", "Note:", "[laughs]", "(00:01)", "e.g.", "—", "50%", "&amp;"]),
)
# A line that starts with "Note:" or "Ann [00:01]" *is* a label, by design; so words that
# start a line of text are drawn without : [ ( and capitals; any word may follow them.
safe_word = st.text(LETTERS + string.digits + ".,!?—-%", min_size=1, max_size=10).filter(
    lambda w: not w[0].isupper()
)


@st.composite
def transcripts(draw):
    speakers = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    count = draw(st.integers(1, 8))
    gaps = draw(st.lists(st.integers(0, 400), min_size=count, max_size=count))
    starts = [sum(gaps[: i + 1]) * 1000 for i in range(count)]
    turns = []
    for start in starts:
        speaker = draw(st.sampled_from(speakers))
        # In the paragraph styles the text starts its own line, so its first word is "safe".
        words = [draw(safe_word), *draw(st.lists(word, max_size=11))]
        more = draw(st.lists(st.lists(safe_word, min_size=1, max_size=6), max_size=2))
        turns.append((speaker, start, words, more))
    return turns


def render(turns, style):
    lines = []
    for speaker, start, words, more in turns:
        stamp, text = format_timestamp(start), " ".join(words)
        if style == "podcast":
            lines.append(f"{speaker} [{stamp}] {text}")
        elif style == "labelled-colon":
            lines.append(f"{speaker}: {text}")
        elif style == "labelled-paren":
            lines += [f"{speaker} ({stamp}):", text, ""]
        elif style == "labelled-spaced":
            lines += [f"{speaker}  {stamp}", text]
        lines += [" ".join(line) for line in more]
    return "\n".join(lines) + "\n"


def expected_turns(turns, timed):
    return [
        (speaker, " ".join(words + [w for line in more for w in line]), start if timed else None)
        for speaker, start, words, more in turns
    ]


STYLES = {
    "podcast": ("podcast", True),
    "labelled-colon": ("labelled", False),
    "labelled-paren": ("labelled", True),
    "labelled-spaced": ("labelled", True),
}


@settings(max_examples=150, deadline=None)
@given(turns=transcripts(), style=st.sampled_from(sorted(STYLES)))
def test_rendered_transcripts_parse_back_exactly(turns, style):
    input_format, timed = STYLES[style]
    text = render(turns, style)
    if timed:  # timestamped labels are unambiguous, so detection must find the format
        assert detect_format(text) == input_format
    t = parse_transcript(text, source="gen.txt", input_format=input_format)
    assert [(turn.speaker, turn.text, turn.start) for turn in t.turns] == expected_turns(
        turns, timed
    )
    assert t.speakers == list(dict.fromkeys(speaker for speaker, *_ in turns))
    assert t.words == [w for *_, words, more in turns for w in words + [x for m in more for x in m]]
    assert t.warnings == []
