"""The rows of the workspace's keys (migration m004): the SQL of eduplan_core/exchange/keys.py.

The writers here do not open a transaction themselves: keys.py calls them inside the one
``ws.write()`` of each key event (init, rotate, passphrase, backup, restore), which also logs
the event. ``workspace_keys`` rows are never deleted and their key never changes (triggers);
only the sealing (a new passphrase) and ``retired_at`` (a rotation) are updated.
"""

from __future__ import annotations

from typing import Any

from .workspace import Workspace


def read_keys(ws: Workspace) -> list[dict[str, Any]]:
    """Every key, oldest generation first (encryption before signing)."""
    return [dict(r) for r in ws.db["workspace_keys"].rows_where(
        order_by="generation, purpose")]


def insert_key(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("workspace_keys").insert(row)


def reseal_key(ws: Workspace, key_id: int, sealed: str) -> None:
    ws.db.table("workspace_keys").update(key_id, {"sealed": sealed})


def retire_generation(ws: Workspace, generation: int, at: str) -> None:
    ws.db.execute("UPDATE workspace_keys SET retired_at = ? WHERE generation = ? "
                  "AND retired_at IS NULL", [at, generation])


def read_rotations(ws: Workspace) -> list[dict[str, Any]]:
    return [dict(r) for r in ws.db["key_rotations"].rows_where(order_by="to_generation")]


def insert_rotation(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("key_rotations").insert(row)


def log_key_event(ws: Workspace, event: str, generation: int | None, detail: str,
                  at: str) -> None:
    ws.db.table("key_events").insert({"event": event, "generation": generation,
                                      "detail": detail, "operator": ws.operator, "at": at})
    ws.audit("keys", {"event": event, "generation": generation, "detail": detail})


def read_key_events(ws: Workspace) -> list[dict[str, Any]]:
    return [dict(r) for r in ws.db["key_events"].rows_where(order_by="id")]


def key_tables_dump(ws: Workspace) -> list[tuple]:
    """Every row of the key tables, in order (for tests proving nothing changed)."""
    out: list[tuple] = []
    for table in ("workspace_keys", "key_rotations", "key_events"):
        out += [(table, *row) for row in ws.db.execute(f"SELECT * FROM {table} ORDER BY id")]
    return out
