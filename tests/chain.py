"""Building a real reporting chain for the exchange tests: real workspaces, real keys (the
cheap Argon2id test setting), real setup files and bundles. Nothing is mocked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eduplan_core.exchange import keys
from eduplan_core.exchange.export import export_bundle
from eduplan_core.exchange.inbox import FileOutcome, import_file
from eduplan_core.exchange.setup import export_setup, import_setup
from eduplan_core.store import entries
from eduplan_core.store import exchange_rows as rows
from eduplan_core.store.orgs import SchoolInput, check_school, register_schools
from eduplan_core.store.workspace import Workspace

PASS = "测试口令 passphrase"
PROVINCE, PREFECTURE, COUNTY = "530000", "530100", "530113"  # 云南省, 昆明市, 东川区
SCHOOL, PAPER, OTHER = "2153119002", "2153119001", "2153119004"

PRIMARY = {"pri_students": "600", "classrooms": "15", "fulltime_teachers": "40",
           "teachers_bachelor": "30", "digital_classrooms": "6", "digital_campus": "是",
           "public_funds_yuan": "480000", "pri_fulltime_teachers": "36",
           "pri_teachers_above_degree": "34", "pri_backbone_teachers": "3",
           "pri_pe_art_teachers": "4", "pri_teaching_area": "2700", "pri_sports_area": "4300",
           "pri_equipment_value": "1200000", "pri_multimedia_rooms": "12",
           "rotation_eligible": "10", "rotated_teachers": "1", "rotated_backbone": "0",
           "safe_campus": "是", "has_canteen": "是", "canteen_6t": "是"}


def open_ws(path: Path) -> Workspace:
    return Workspace.open(path, daily_backup=False)


def bureau(path: Path, org: str, role: str) -> Workspace:
    ws = Workspace.create(path, org=org, role=role, operator=f"{role}操作员")
    keys.init_keys(ws, PASS)
    return ws


def setup_child(parent: Workspace, unit: str, path: Path, tmp: Path) -> Workspace:
    out = tmp / f"setup-{unit}.eduplan-setup"
    if out.exists():
        out.unlink()
    export_setup(parent, PASS, [unit], out)
    import_setup(out, path, unit, f"{unit}操作员", PASS)
    return open_ws(path)


def register(county: Workspace, *specs: SchoolInput) -> None:
    schools = []
    for s in specs:
        org, errors = check_school(county.orgs, s)
        assert not errors, errors
        schools.append(org)
    register_schools(county, schools)


def send(sender: Workspace, receiver: Workspace, year: int, out: Path) -> FileOutcome:
    result = export_bundle(sender, PASS, year, out=out)
    return import_file(receiver, Path(result.path), keys.unlock(receiver, PASS))


def confirm_all(ws: Workspace) -> None:
    from eduplan_core.exchange.enrol import confirm

    ring = keys.unlock(ws, PASS)
    for p in rows.peers(ws, relation="child"):
        if p["status"] == "pending":
            confirm(ws, ring, p["org"], p["fingerprint"])


@dataclass
class Chain:
    province: Workspace
    prefecture: Workspace
    county: Workspace
    school: Workspace
    tmp: Path

    def close(self) -> None:
        for ws in (self.province, self.prefecture, self.county, self.school):
            ws.close()


def build_chain(tmp: Path) -> Chain:
    """云南省 → 昆明市 → 东川区 → 测试中心小学, each set up from its parent's setup file."""
    province = bureau(tmp / "province", PROVINCE, "province")
    prefecture = setup_child(province, PREFECTURE, tmp / "prefecture", tmp)
    county = setup_child(prefecture, COUNTY, tmp / "county", tmp)
    register(county, SchoolInput(SCHOOL, "测试中心小学", COUNTY, "小学", contact="李老师",
                                 phone="0871-1234567"),
             SchoolInput(PAPER, "测试村小", COUNTY, "小学", paper=True))
    school = setup_child(county, SCHOOL, tmp / "school", tmp)
    return Chain(province, prefecture, county, school, tmp)


def fill_school(school: Workspace, year: int = 2024, values: dict | None = None,
                submit: bool = True) -> None:
    entries.set_values(school, SCHOOL, year, "primary", values or PRIMARY)
    if submit:
        entries.submit(school, SCHOOL, year, "primary")


def data_dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Everything the import may change, by uid (local ids and arrival times left out)."""
    db = ws.db
    q = {
        "entries": "SELECT uid, org, year, form, form_version, form_hash, owner, state, "
                   "created_at, updated_at FROM entries",
        "revisions": "SELECT r.uid, e.uid, r.field, r.old_value, r.new_value, r.explanation, "
                     "r.operator, r.at, r.source, r.origin_workspace, r.prev_uid "
                     "FROM revisions r JOIN entries e ON e.id = r.entry_id",
        "current": "SELECT e.uid, c.field, c.value, c.explanation, c.carried_over, r.uid "
                   "FROM current_values c JOIN entries e ON e.id = c.entry_id "
                   "JOIN revisions r ON r.id = c.revision_id",
        "submissions": "SELECT s.uid, e.uid, s.form_version, s.form_hash, s.values_json, "
                       "s.operator, s.at, s.origin_workspace FROM submissions s "
                       "JOIN entries e ON e.id = s.entry_id",
        "orgs": "SELECT code, name, parent, type, ownership, urban_rural, contact, phone, paper, "
                "teaching_point, parent_school FROM orgs",
        "org_history": "SELECT org, year, attr, value FROM org_history",
        "peers": "SELECT org, relation, fingerprint, status FROM peers",
        "keys": "SELECT generation, purpose, public_key FROM workspace_keys",
        "conflicts": "SELECT key, kind, org, year, form, resolved_at FROM conflicts",
    }
    return {name: sorted(db.execute(sql).fetchall(), key=repr) for name, sql in q.items()}
