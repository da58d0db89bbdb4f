"""Giving memory back to the operating system.

Each Argon2id check allocates 19 MiB (core/security.py). glibc's malloc raises its mmap
threshold dynamically after such a block is freed, so later blocks of that size come from the
heap arenas and stay there when freed: a burst of sign-ins left a process at 830–970 MiB.
A fixed threshold keeps large blocks in mmap, which returns them at free(). Elsewhere
(musl, macOS) this does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_ONE_MIB = 1024 * 1024


def return_large_blocks() -> bool:
    """Fixes glibc's mmap (and trim) threshold at 1 MiB; True when glibc took it."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _ONE_MIB)) and bool(
            libc.mallopt(_M_TRIM_THRESHOLD, 4 * _ONE_MIB)
        )
    return False
