"""The rows of exchange (migration m005): the SQL of eduplan_core/exchange/.

Writers do not open a transaction themselves: the exchange modules call them inside the one
``ws.write()`` of each action (an import of one file, an export, an enrolment, a
resolution). ``import_log`` and ``sent_bundles`` are append-only, ``conflicts`` and
``peers`` rows are never deleted (triggers).
"""

from __future__ import annotations

from typing import Any

from .org_rows import insert_schools
from .workspace import Workspace


def _rows(ws: Workspace, sql: str, params: list[Any] | tuple = ()) -> list[dict[str, Any]]:
    cursor = ws.db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# -- meta ----------------------------------------------------------------------------------

def get_meta(ws: Workspace, key: str) -> str | None:
    rows = _rows(ws, "SELECT value FROM meta WHERE key = ?", [key])
    return rows[0]["value"] if rows else None


def set_meta(ws: Workspace, key: str, value: str) -> None:
    ws.db.table("meta").upsert({"key": key, "value": value}, pk="key")


# -- peers ---------------------------------------------------------------------------------

def peers(ws: Workspace, org: str | None = None, relation: str | None = None
          ) -> list[dict[str, Any]]:
    where, params = ["1 = 1"], []
    if org is not None:
        where.append("org = ?")
        params.append(org)
    if relation is not None:
        where.append("relation = ?")
        params.append(relation)
    return _rows(ws, f"SELECT * FROM peers WHERE {' AND '.join(where)} ORDER BY id", params)


def insert_peer(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("peers").insert(row)


def set_peer_status(ws: Workspace, peer_id: int, status: str, at: str | None = None,
                    by: str | None = None) -> None:
    changes: dict[str, Any] = {"status": status}
    if status == "confirmed":
        changes.update(confirmed_at=at, confirmed_by=by)
    ws.db.table("peers").update(peer_id, changes)


# -- sent ----------------------------------------------------------------------------------

def last_sent_sequence(ws: Workspace) -> int:
    rows = _rows(ws, "SELECT MAX(sequence) AS s FROM sent_bundles")
    return rows[0]["s"] or 0


def insert_sent(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("sent_bundles").insert(row)


def sent_bundles(ws: Workspace) -> list[dict[str, Any]]:
    return _rows(ws, "SELECT * FROM sent_bundles ORDER BY sequence")


# -- received ------------------------------------------------------------------------------

def received(ws: Workspace, file_sha256: str) -> dict[str, Any] | None:
    rows = _rows(ws, "SELECT * FROM received_bundles WHERE file_sha256 = ?", [file_sha256])
    return rows[0] if rows else None


def received_from(ws: Workspace, sender: str, year: int | None = None
                  ) -> list[dict[str, Any]]:
    if year is None:
        return _rows(ws, "SELECT * FROM received_bundles WHERE sender = ? "
                         "ORDER BY sequence, file_sha256", [sender])
    return _rows(ws, "SELECT * FROM received_bundles WHERE sender = ? AND year = ? "
                     "ORDER BY sequence, file_sha256", [sender, year])


def received_with_status(ws: Workspace, status: str) -> list[dict[str, Any]]:
    return _rows(ws, "SELECT * FROM received_bundles WHERE status = ? "
                     "ORDER BY sender, sequence, file_sha256", [status])


def upsert_received(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("received_bundles").upsert(row, pk="file_sha256")


# -- log -----------------------------------------------------------------------------------

def log_import(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("import_log").insert(row)


def import_log(ws: Workspace, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM import_log ORDER BY id DESC"
    return _rows(ws, sql + (f" LIMIT {int(limit)}" if limit else ""))


# -- conflicts -----------------------------------------------------------------------------

def conflict_by_key(ws: Workspace, key: str) -> dict[str, Any] | None:
    rows = _rows(ws, "SELECT * FROM conflicts WHERE key = ?", [key])
    return rows[0] if rows else None


def conflict(ws: Workspace, conflict_id: int) -> dict[str, Any] | None:
    rows = _rows(ws, "SELECT * FROM conflicts WHERE id = ?", [conflict_id])
    return rows[0] if rows else None


def conflicts(ws: Workspace, open_only: bool = False) -> list[dict[str, Any]]:
    where = "WHERE resolved_at IS NULL" if open_only else ""
    return _rows(ws, f"SELECT * FROM conflicts {where} ORDER BY id")


def insert_conflict(ws: Workspace, row: dict[str, Any]) -> None:
    ws.db.table("conflicts").insert(row)


def resolve_conflict(ws: Workspace, conflict_id: int, changes: dict[str, Any]) -> None:
    ws.db.table("conflicts").update(conflict_id, changes)


# -- schools arriving ----------------------------------------------------------------------

def school_row(ws: Workspace, code: str) -> dict[str, Any] | None:
    rows = _rows(ws, "SELECT * FROM orgs WHERE code = ?", [code])
    return rows[0] if rows else None


def school_history(ws: Workspace, code: str) -> dict[tuple[int, str], str | None]:
    return {(r["year"], r["attr"]): r["value"]
            for r in _rows(ws, "SELECT * FROM org_history WHERE org = ?", [code])}


def add_schools(ws: Workspace, schools: list, operator: str) -> None:
    insert_schools(ws.db, schools, operator)


def set_school_history(ws: Workspace, code: str, year: int, attr: str, value: str | None,
                       at: str, by: str) -> None:
    ws.db.table("org_history").upsert(
        {"org": code, "year": year, "attr": attr, "value": value, "recorded_at": at,
         "recorded_by": by}, pk=("org", "year", "attr"))


def update_school(ws: Workspace, code: str, changes: dict[str, Any]) -> None:
    ws.db.table("orgs").update(code, changes)


def table_dump(ws: Workspace, tables: tuple[str, ...], skip: tuple[str, ...] = ()
               ) -> dict[str, list[tuple]]:
    """Every row of ``tables`` in a stable order, without the columns ``skip`` (for tests
    and drills comparing two workspaces)."""
    out: dict[str, list[tuple]] = {}
    for table in tables:
        cols = [c.name for c in ws.db[table].columns if c.name not in skip]
        rows = ws.db.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def entry_rows(ws: Workspace, org: str, year: int, form: str) -> list[dict[str, Any]]:
    return _rows(ws, "SELECT * FROM entries WHERE org = ? AND year = ? AND form = ?",
                 [org, year, form])


# -- tracking the units below (completeness) -----------------------------------------------

def received_in_year(ws: Workspace, year: int) -> list[dict[str, Any]]:
    """Every bundle of ``year`` accepted or held, by sender and arrival (no keys, no paths)."""
    return _rows(ws, "SELECT sender, year, sequence, created_at, received_at, status, reason "
                     "FROM received_bundles WHERE year = ? ORDER BY sender, received_at, "
                     "sequence", [year])


def rejected_in_year(ws: Workspace, year: int) -> list[dict[str, Any]]:
    """The import attempts of ``year`` refused, with the sender they named, oldest first."""
    return _rows(ws, "SELECT at, sender, year, sequence, reason FROM import_log "
                     "WHERE year = ? AND outcome = 'rejected' AND sender IS NOT NULL "
                     "ORDER BY id", [year])
