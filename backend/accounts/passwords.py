"""Password rules and argon2id hashing."""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 128
DATA = Path(__file__).parent / "data"

# argon2id with argon2-cffi's defaults (RFC 9106 "second recommended": t=3, 64 MiB, p=4).
_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown username as slow as a real one,
# so timing does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password-for-timing")


@cache
def _common_passwords() -> frozenset[str]:
    with gzip.open(DATA / "common-passwords.txt.gz", "rt", encoding="utf-8") as fh:
        words = {line.strip().lower() for line in fh if line.strip()}
    for line in (DATA / "common-passwords-nl.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(line.strip().lower())
    return frozenset(words)


def password_problem(password: str, *, username: str | None = None) -> tuple[str, str] | None:
    """Return (code, message) saying why a password is not allowed, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return "password_too_short", f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return "password_too_long", f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    # "welkom2024!" is as weak as "welkom": strip what people add at the end.
    base = re.sub(r"[\d\W_]+$", "", lowered)
    common = _common_passwords()
    if lowered in common or (len(base) >= 4 and base in common):
        return "password_too_common", "This password is too common. Choose another one."
    if len(set(lowered)) < 4:
        return (
            "password_too_simple",
            "This password is too easy to guess. Use more different characters.",
        )
    if username and username.lower() in lowered:
        return "password_contains_username", "Do not use your username in your password."
    return None


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash, spend the same time and fail."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Tell whether the hash was made with older parameters."""
    return _hasher.check_needs_rehash(password_hash)
