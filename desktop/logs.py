"""The log file in the user's data dir, and 帮助 → 诊断信息 (version, platform, recent log —
never an entered value)."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from eduplan_core import __version__
from eduplan_core.paths import user_data_dir


def log_path() -> Path:
    return user_data_dir() / "logs" / "eduplan-desktop.log"


def setup_logging() -> Path:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger("eduplan")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path


def diagnostics(workspace: Path | None) -> str:
    """Text for support: versions, platform, workspace summary counts, the log's last lines."""
    from PySide6 import __version__ as pyside_version

    lines = [f"EduPlan {__version__}", f"Python {sys.version.split()[0]}",
             f"PySide6 {pyside_version}", f"{platform.platform()}"]
    if workspace is not None:
        lines.append(f"workspace: {workspace}")
    path = log_path()
    if path.exists():
        tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-200:]
        lines += ["", "--- log (last 200 lines) ---", *tail]
    return "\n".join(lines)
