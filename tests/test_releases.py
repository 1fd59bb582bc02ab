"""forms/releases.toml keeps every released version of each form with its content hash: the
catalogue refuses a form whose current version and hash are not listed, and an entry's
(form, version, hash) is current, older, unknown (a newer EduPlan) or a mismatch."""

import dataclasses
import datetime as dt
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from eduplan_core.catalog.load import load_catalog
from eduplan_core.catalog.model import RELEASE_STATUSES
from eduplan_core.errors import CatalogError

from .conftest import project_root


@pytest.fixture
def forms_copy(tmp_path):
    dst = tmp_path / "forms"
    shutil.copytree(project_root() / "forms", dst)
    return dst


def _problems(root: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    return [p.message for p in info.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _row(form: str, version: str, digest: str) -> str:
    return (f'\n[[release]]\nform = "{form}"\nversion = "{version}"\nhash = "{digest}"\n'
            'released = 2024-09-01\nnote = "测试"\n')


def _rows(root: Path) -> list[dict]:
    with (root / "releases.toml").open("rb") as fh:
        return tomllib.load(fh)["release"]


# -- the shipped catalogue ---------------------------------------------------------------------

def test_every_current_form_version_is_listed(catalog):
    listed = {form for form in catalog.releases}
    made = {f.code for f in catalog.forms.values() if not f.generated}
    assert listed == made
    for form in catalog.forms.values():
        if form.generated:
            continue
        assert catalog.releases[form.code][form.version] == form.hash, form.code
    assert "milestones" not in catalog.releases and catalog.forms["milestones"].generated


def test_every_shipped_row_is_complete():
    rows = _rows(project_root() / "forms")
    assert len({(r["form"], r["version"]) for r in rows}) == len(rows)
    for r in rows:
        assert re.fullmatch(r"[0-9a-f]{64}", r["hash"]), r
        assert isinstance(r["released"], dt.date) and not isinstance(r["released"], dt.datetime)
        assert r["note"].strip(), r
    first = [r for r in rows if r["version"] == "2023.1"]
    assert first and all(r["released"] == dt.date(2023, 9, 1) for r in first)


# -- release_status ---------------------------------------------------------------------------

def _older(catalog) -> tuple[str, str, str]:
    """(form, version, hash) of a listed version that is not the form's current one."""
    for code, versions in catalog.releases.items():
        for version, digest in versions.items():
            if version != catalog.forms[code].version:
                return code, version, digest
    raise AssertionError("no older release listed")


def test_release_status(catalog):
    primary = catalog.forms["primary"]
    assert catalog.release_status("primary", primary.version, primary.hash) == "current"
    code, version, digest = _older(catalog)
    assert catalog.release_status(code, version, digest) == "older"
    # a newer EduPlan: a version not listed, or a form this one does not know
    assert catalog.release_status("primary", "2099.1", "0" * 64) == "unknown"
    assert catalog.release_status("no_such_form", "2023.1", primary.hash) == "unknown"
    # a listed version with another hash: the current one, or an older one
    assert catalog.release_status("primary", primary.version, "0" * 64) == "mismatch"
    assert catalog.release_status(code, version, catalog.forms[code].hash) == "mismatch"
    # the generated form follows the plans: whatever version and hash an entry names
    assert catalog.release_status("milestones", "generated", "f" * 64) == "current"
    assert catalog.release_status("milestones", "2020.1", "") == "current"
    assert set(RELEASE_STATUSES) == {"current", "older", "unknown", "mismatch"}


def test_a_catalogue_built_without_releases_knows_only_the_current_versions(catalog):
    bare = dataclasses.replace(catalog, releases={})
    primary = catalog.forms["primary"]
    assert bare.release_status("primary", primary.version, primary.hash) == "current"
    assert bare.release_status("primary", primary.version, "0" * 64) == "mismatch"
    code, version, digest = _older(catalog)
    assert bare.release_status(code, version, digest) == "unknown"


# -- a broken releases.toml: file, key, reason -------------------------------------------------

def test_a_missing_current_release_names_the_form_file(forms_copy, catalog):
    path = forms_copy / "releases.toml"
    blocks = path.read_text("utf-8").split("\n[[release]]\n")
    kept = [b for b in blocks if 'form = "junior"' not in b]
    assert len(kept) == len(blocks) - 1
    path.write_text("\n[[release]]\n".join(kept), "utf-8")
    problems = _problems(forms_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("forms/junior.toml：form.version：版本“2023.1”未登记在 "
                                  "releases.toml 中"), problems
    junior = catalog.forms["junior"]
    assert f'[[release]]（form = "junior"，version = "2023.1"，hash = "{junior.hash}"）' \
        in problems[0]


def test_a_duplicate_row_is_refused(forms_copy):
    n = len(_rows(forms_copy))
    path = forms_copy / "releases.toml"
    path.write_text(path.read_text("utf-8") + _row("primary", "2023.1", "b" * 64), "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith(f"releases.toml：release[{n}].version：表单 primary 的版本“2023.1”"
                            "已在 release[") and "只登记一次" in p for p in problems), problems
    assert len(problems) == 1, problems


def test_a_bad_hash_is_refused_without_blaming_the_form(forms_copy):
    rows = _rows(forms_copy)
    i = next(i for i, r in enumerate(rows) if r["form"] == "special")
    _edit(forms_copy / "releases.toml", rows[i]["hash"], rows[i]["hash"][:40].upper())
    problems = _problems(forms_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"releases.toml：release[{i}].hash：哈希“")
    assert "64 位小写十六进制" in problems[0]


@pytest.mark.parametrize("row, key, reason", [
    (_row("no_such_form", "2023.1", "c" * 64), "form", "表单“no_such_form”不存在"),
    (_row("milestones", "generated", "c" * 64), "form", "由规划生成"),
    (_row("primary", " ", "c" * 64), "version", "版本号不能为空"),
    (_row("primary", "2022.9", "c" * 64).replace("2024-09-01", '"2024-09-01"'), "released",
     "应为日期"),
    ('\n[[release]]\nform = "primary"\nversion = "2022.9"\nreleased = 2022-09-01\n', "hash",
     "缺少必填的键"),
])
def test_each_row_is_checked(forms_copy, row, key, reason):
    n = len(_rows(forms_copy))
    path = forms_copy / "releases.toml"
    path.write_text(path.read_text("utf-8") + row, "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith(f"releases.toml：release[{n}].{key}：") and reason in p
               for p in problems), problems


def test_the_older_hash_of_a_listed_version_is_refused_too(forms_copy):
    """Another older version's hash pasted into a new row: every version has its own hash."""
    rows = _rows(forms_copy)
    path = forms_copy / "releases.toml"
    path.write_text(path.read_text("utf-8") + _row("primary", "2022.9", rows[0]["hash"]),
                    "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith(f"releases.toml：release[{len(rows)}].hash：哈希与 release[0] 相同")
               for p in problems), problems


def test_a_missing_or_broken_file(forms_copy):
    (forms_copy / "releases.toml").write_text("[[release]\nform = ", "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("releases.toml：(语法)：TOML 语法错误") for p in problems), problems
    (forms_copy / "releases.toml").unlink()
    assert _problems(forms_copy) == [
        "releases.toml：(文件)：缺少表单发布记录文件（每个表单已发布的版本及其内容哈希）"]
    (forms_copy / "releases.toml").write_text('[release]\nform = "primary"\n', "utf-8")
    assert _problems(forms_copy) == ["releases.toml：release：应为表数组（[[release]]）"]


def test_a_broken_form_is_not_blamed_on_its_release_rows(forms_copy):
    (forms_copy / "forms" / "primary.toml").write_text('[form]\ncode = "primary"\n', "utf-8")
    problems = _problems(forms_copy)
    assert problems and all(p.startswith("forms/primary.toml：form.") for p in problems)


# -- a form edited without a new release ---------------------------------------------------------

def test_a_changed_label_needs_a_new_version_and_row(forms_copy, catalog):
    fields = forms_copy / "fields" / "pri_resources.toml"
    _edit(fields, 'label = "小学在校学生数"', 'label = "小学在校生数"')
    problems = _problems(forms_copy)
    # the group is on two forms: both are named, each with its file
    assert sorted(p.split("：")[0] for p in problems) == ["forms/nine_year.toml",
                                                         "forms/primary.toml"], problems
    primary = next(p for p in problems if p.startswith("forms/primary.toml"))
    assert primary.startswith("forms/primary.toml：form.version：字段或规则已改动")
    assert "须提高 version（如 2023.2）" in primary and "加一行 [[release]]" in primary
    # bumping the version alone is not enough: the new version needs its row ...
    for name in ("primary", "nine_year"):
        _edit(forms_copy / "forms" / f"{name}.toml", 'version = "2023.1"', 'version = "2023.2"')
    problems = _problems(forms_copy)
    assert len(problems) == 2 and all("未登记在 releases.toml 中" in p for p in problems)
    new = {}
    for p in problems:
        code, digest = re.search(r'form = "(\w+)"，version = "2023.2"，hash = "([0-9a-f]{64})"',
                                 p).groups()
        new[code] = digest
    # ... and with it the catalogue loads; the entries made on 2023.1 are older, not unknown
    path = forms_copy / "releases.toml"
    path.write_text(path.read_text("utf-8") + "".join(
        _row(code, "2023.2", digest) for code, digest in new.items()), "utf-8")
    changed = load_catalog(forms_copy)
    assert changed.forms["primary"].hash == new["primary"] != catalog.forms["primary"].hash
    assert changed.forms["primary"].field("pri_students").label == "小学在校生数"
    old = catalog.forms["primary"]
    assert changed.release_status("primary", old.version, old.hash) == "older"
    assert changed.release_status("primary", "2023.2", new["primary"]) == "current"
    assert catalog.release_status("primary", "2023.2", new["primary"]) == "unknown"


def test_a_refused_row_does_not_hide_a_changed_form(forms_copy):
    _edit(forms_copy / "fields" / "kg_kindergarten.toml", 'label = "在园幼儿数"',
          'label = "在园儿童数"')
    path = forms_copy / "releases.toml"
    path.write_text(path.read_text("utf-8") + _row("kindergarten", "2023.2", "XYZ"), "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("releases.toml：release[") and ".hash：" in p for p in problems)
    assert any(p.startswith("forms/kindergarten.toml：form.version：字段或规则已改动")
               for p in problems), problems


def test_a_changed_rule_is_caught_too(forms_copy):
    rule = 'right = "kg_places"\nimportance = "{}"'
    _edit(forms_copy / "fields" / "kg_kindergarten.toml", rule.format("warning"),
          rule.format("error"))
    problems = _problems(forms_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("forms/kindergarten.toml：form.version：字段或规则已改动")
    assert "须提高 version（如 2023.3）" in problems[0]  # 2023.1 and 2023.2 are listed already
