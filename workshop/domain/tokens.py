"""Link tokens: random secrets of 192 bits, stored only as hashes, compared in constant time.

The participant and view-only links are derived from a per-workshop share secret so the
facilitator can be shown them again at any time; that secret is stored only wrapped with
a key derived from each facilitator token, so the database alone reveals no usable link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

TOKEN_BYTES = 24  # 192 bits


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_id() -> str:
    return secrets.token_hex(8)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same_hash(stored: str, token: str) -> bool:
    return hmac.compare_digest(stored, hash_token(token))


def looks_like_token(value: object) -> bool:
    return (
        isinstance(value, str)
        and 16 <= len(value) <= 64
        and value.replace("-", "").replace("_", "").isalnum()
    )


def _pad(token: str) -> bytes:
    return hmac.new(token.encode(), b"wrap-share-secret", hashlib.sha256).digest()


def new_share_secret() -> bytes:
    return secrets.token_bytes(32)


def wrap(secret: bytes, facilitator_token: str) -> str:
    return bytes(a ^ b for a, b in zip(secret, _pad(facilitator_token), strict=True)).hex()


def unwrap(wrapped: str, facilitator_token: str) -> bytes:
    return bytes(a ^ b for a, b in zip(bytes.fromhex(wrapped), _pad(facilitator_token), strict=True))


def share_token(secret: bytes, kind: str, generation: int) -> str:
    """The participant or view-only token of one generation; rotating bumps the generation."""
    digest = hmac.new(secret, f"{kind}:{generation}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode().rstrip("=")


def request_key(request_id: str) -> str:
    """A record key derived from a form's one-time request id (idempotent creation)."""
    return hashlib.sha256(request_id.encode()).hexdigest()[:16]
