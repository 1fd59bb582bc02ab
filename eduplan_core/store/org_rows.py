"""The rows of schools registered in a workspace (read and insert), for workspace.py and orgs.py."""

from __future__ import annotations

from ..catalog.model import Org
from ..schoolattrs import YESNO_ATTRS
from .clock import now_iso
from .tx import write


def insert_schools(db, schools: list[Org], operator: str) -> None:
    """Insert all in one transaction."""
    at = now_iso()
    rows = [{"code": s.code, "name": s.name, "level": "school", "parent": s.parent,
             "type": s.type, "ownership": s.ownership, "urban_rural": s.urban_rural,
             "contact": s.contact, "phone": s.phone, "paper": int(s.paper),
             "teaching_point": int(s.teaching_point), "parent_school": s.parent_school,
             "source": "workspace" if s.source == "catalog" else s.source, "created_at": at,
             "created_by": operator}
            for s in schools]
    with write(db):
        db.table("orgs").insert_all(rows)


def read_registered_schools(db) -> list[Org]:
    history: dict[str, dict[int, dict]] = {}
    for row in db["org_history"].rows:
        value = row["value"]
        if row["attr"] in YESNO_ATTRS:
            value = value == "1"
        history.setdefault(row["org"], {}).setdefault(row["year"], {})[row["attr"]] = value
    out = []
    for row in db["orgs"].rows:
        hist = tuple((year, tuple(sorted(changes.items())))
                     for year, changes in sorted(history.get(row["code"], {}).items()))
        out.append(Org(code=row["code"], name=row["name"], level="school", parent=row["parent"],
                       type=row["type"], ownership=row["ownership"],
                       urban_rural=row["urban_rural"], contact=row["contact"],
                       phone=row["phone"], paper=bool(row["paper"]), history=hist,
                       teaching_point=bool(row.get("teaching_point")),
                       parent_school=row.get("parent_school"),
                       source=row["source"]))
    return out
