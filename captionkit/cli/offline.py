"""``--offline`` for every command that loads a model: never reach the Hugging Face model hub.

The bundled model and local CTranslate2 folders need no network at all; a faster-whisper
model *name* must then already be in the local hub cache. ``HF_HUB_OFFLINE`` is set in this
process's environment, so it also reaches the worker processes a batch starts on this machine
(they read it when they first import the hub client).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ModelError

HUB_OFFLINE = "HF_HUB_OFFLINE"


def _needs_hub(model: str | None) -> bool:
    """Whether loading ``model`` could mean a download: a name, not the bundled model or a folder.

    >>> _needs_hub(None), _needs_hub("small.en")
    (False, True)
    """
    return bool(model) and not os.path.isdir(model)


def not_available_offline(model: str) -> ModelError:
    """The one-line error for a model name that is not cached while downloads are forbidden."""
    return ModelError(
        f"model '{model}' is not available offline: --offline forbids downloading it; pass a"
        " local CTranslate2 folder, or run once without --offline to cache it"
    )


def require_cached(model: str | None) -> None:
    """Raise ``ModelError`` now, before any work, when ``model`` is a name missing from the cache.

    The model itself is loaded late (in a batch's worker processes, and only when a recording
    needs it), so its own load error would come late, or once per episode, or never.
    """
    if not _needs_hub(model):
        return
    from faster_whisper.utils import download_model

    try:
        download_model(model, local_files_only=True)  # resolves the cache, never downloads
    except ValueError as exc:  # not a faster-whisper name: the same error online or offline
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"cannot load Whisper model '{model}': {reason}") from None
    except OSError:  # the hub client's "not in the local cache" errors are all OSErrors
        raise not_available_offline(model) from None


@contextmanager
def offline_only(offline: bool, model: str | None) -> Iterator[None]:
    """With ``offline``, forbid the model hub (set before faster-whisper loads a model), refuse a
    model name missing from the cache at once, and turn a later failed load of a model name
    into :func:`not_available_offline`'s error."""
    if not offline:
        yield
        return
    os.environ[HUB_OFFLINE] = "1"
    # At once: the model itself is only loaded if a recording needs it, perhaps never.
    require_cached(model)
    try:
        yield
    except ModelError:
        if not _needs_hub(model):
            raise  # a local folder that fails to load is not a network problem
        raise not_available_offline(model) from None
