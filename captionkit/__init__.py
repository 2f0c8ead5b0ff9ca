"""captionkit: force-align a transcript to its audio and write accessible captions."""

__version__ = "0.1.0"
