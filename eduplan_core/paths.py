"""Where things live: the shipped forms/ data and the user's workspaces."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "EduPlan"


def forms_dir() -> Path:
    """The forms/ data directory: $EDUPLAN_FORMS, a frozen bundle's copy, or the repo's."""
    env = os.environ.get("EDUPLAN_FORMS")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "forms"
    return Path(__file__).resolve().parent.parent / "forms"


def user_data_dir() -> Path:
    """$EDUPLAN_HOME, else platformdirs' user data dir for EduPlan."""
    env = os.environ.get("EDUPLAN_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir as _udd

    return Path(_udd(APP_NAME, appauthor=False))


def default_workspace_dir() -> Path:
    return user_data_dir() / "workspace"


def demo_workspace_dir() -> Path:
    return user_data_dir() / "demo"
