"""Bounded fuzzing in CI: the readers raise our own error or nothing, whatever the input.

The same targets and inputs as ``bench/fuzz.py`` (which runs 20,000 inputs); here 300.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import DATA, TRANSCRIPT_FORMATS, check_caption_bytes, read_transcript_bytes
from captionkit.errors import CaptionkitError

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(data=DATA, input_format=st.sampled_from(TRANSCRIPT_FORMATS))
def test_transcript_reader_raises_only_our_error(data, input_format):
    try:
        read_transcript_bytes(data, input_format)
    except CaptionkitError as error:
        assert "\n" not in str(error).strip()


@FUZZ
@given(data=DATA, suffix=st.sampled_from([".vtt", ".srt"]))
def test_caption_checker_reader_raises_only_our_error(data, suffix):
    try:
        check_caption_bytes(data, suffix)
    except CaptionkitError as error:
        assert "\n" not in str(error).strip()
