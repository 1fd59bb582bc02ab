"""Timestamps the store records (local time with offset, to the second)."""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
