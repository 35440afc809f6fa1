"""Validation of return URLs, so that `redirect_to` can never leave this site."""

import re
from urllib.parse import unquote, urlsplit

DEFAULT_AFTER_SIGN_IN = '/app'
MAX_REDIRECT_LENGTH = 2048
_CONTROL_OR_BACKSLASH = re.compile(r'[\x00-\x1f\x7f\\]')


def safe_redirect_target(candidate: str | None, default: str = DEFAULT_AFTER_SIGN_IN) -> str:
    """Return `candidate` when it is a relative path on this site, else `default`.

    Refused: absolute URLs (`https://x`), scheme-relative ones (`//x`), backslash tricks (`/\\x`),
    `javascript:` and other schemes, control characters, and all of these percent-encoded (even twice).
    """
    if not candidate or len(candidate) > MAX_REDIRECT_LENGTH:
        return default
    decoded = candidate
    for _ in range(3):
        if _is_unsafe(decoded):
            return default
        next_decoded = unquote(decoded)
        if next_decoded == decoded:
            return candidate
        decoded = next_decoded
    return default


def _is_unsafe(path: str) -> bool:
    if not path.startswith('/') or path.startswith('//'):
        return True
    if _CONTROL_OR_BACKSLASH.search(path):
        return True
    parts = urlsplit(path)
    return bool(parts.scheme or parts.netloc)
