"""forms/ loads; a broken file is reported as file, key and reason, never a traceback."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from eduplan_core.catalog.load import load_catalog
from eduplan_core.catalog.model import SCHOOL_TYPES
from eduplan_core.cli.main import cli
from eduplan_core.errors import CatalogError
from eduplan_core.orgtree import OrgTree



def test_shipped_catalogue_loads(catalog):
    assert len(catalog.plans) == 6
    assert len(catalog.targets) > 200
    assert {f.code for f in catalog.forms.values()} >= {
        "kindergarten", "primary", "junior", "nine_year", "complete_middle", "senior",
        "vocational", "special", "county"}


def test_real_units_with_official_codes(catalog):
    expected = {"530000": "云南省", "530100": "昆明市", "530113": "东川区", "530900": "临沧市",
                "532300": "楚雄彝族自治州", "532302": "禄丰市"}
    for code, name in expected.items():
        assert catalog.orgs[code].name == name
    lincang = [o for o in catalog.orgs.values() if o.parent == "530900"]
    assert len(lincang) == 8 and all(o.level == "county" for o in lincang)


def test_former_code_maps_to_new_unit(catalog):
    tree = OrgTree(catalog)
    assert tree.resolve("532331").code == "532302"
    assert tree.resolve("禄丰县").code == "532302"


def test_every_school_type_has_exactly_one_form(catalog):
    for t in SCHOOL_TYPES:
        assert len(catalog.forms_for_org_type(t)) == 1, t
    assert [f.code for f in catalog.forms_for_org_type("county")] == ["county", "milestones"]


def test_demo_schools_are_separate(catalog):
    assert catalog.demo_schools and all(o.source == "demo" for o in catalog.demo_schools.values())
    assert not any(o.is_school for o in catalog.orgs.values())
    assert "2153113001" not in OrgTree(catalog)
    assert "2153113001" in OrgTree(catalog, include_demo=True)


def _problems(root: Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    return [p.message for p in info.value.problems]


def test_toml_syntax_error_names_the_file(forms_copy):
    (forms_copy / "indicators" / "preschool.toml").write_text("[[indicator]\ncode = ", "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("indicators/preschool.toml") and "TOML" in p for p in problems)


def test_bad_target_gives_file_key_reason(forms_copy):
    path = forms_copy / "plans" / "dongchuan.toml"
    text = path.read_text("utf-8").replace('comparator = "≥"', 'comparator = "至少"', 1)
    path.write_text(text, "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("plans/dongchuan.toml：target[") and ".comparator：" in p
               and "无效" in p for p in problems), problems


def test_unknown_indicator_and_missing_key(forms_copy):
    path = forms_copy / "plans" / "lufeng.toml"
    text = path.read_text("utf-8")
    text = text.replace('indicator = "', 'indicator = "no_such_', 1)
    path.write_text(text + '\n[[target]]\ncode = "x"\n', "utf-8")
    problems = _problems(forms_copy)
    assert any("no_such_" in p and "indicators/" in p for p in problems)
    assert any("target[" in p and "缺少必填的键" in p for p in problems)


def test_bad_expression_in_form_is_reported(forms_copy):
    path = forms_copy / "fields" / "kg_kindergarten.toml"
    path.write_text(path.read_text("utf-8") + '\n[[rule]]\ncode = "evil"\nleft = '
                    '"__import__(\'os\')"\noperator = "<="\nright = "1"\nimportance = "error"\n'
                    'message = "x"\n', "utf-8")
    problems = _problems(forms_copy)
    assert any(p.startswith("fields/kg_kindergarten.toml") and ".left" in p for p in problems)


def test_cli_reports_broken_catalogue_without_traceback(forms_copy, monkeypatch):
    (forms_copy / "forms" / "primary.toml").write_text('[form]\ncode = "primary"\n', "utf-8")
    monkeypatch.setenv("EDUPLAN_FORMS", str(forms_copy))
    from eduplan_core.catalog import load

    load._CACHE.clear()
    try:
        result = CliRunner().invoke(cli, ["catalog", "check"])
    finally:
        load._CACHE.clear()
    assert result.exit_code == 2
    assert "forms/primary.toml：form.name：缺少必填的键" in result.output
    assert "Traceback" not in result.output


def test_form_hash_is_stable_and_follows_content(forms_copy, catalog):
    again = load_catalog(forms_copy)
    assert again.forms["primary"].hash == catalog.forms["primary"].hash
    path = forms_copy / "fields" / "pri_resources.toml"
    path.write_text(path.read_text("utf-8").replace("max = 10000", "max = 9999", 1), "utf-8")
    # a form whose content changed is refused until it gets a new version and release row
    with pytest.raises(CatalogError) as err:
        load_catalog(forms_copy)
    problems = [str(p) for p in err.value.problems]
    assert any("forms/primary.toml" in p and "字段或规则已改动" in p for p in problems)
    assert not any("kindergarten" in p for p in problems)


# -- a rule's English message ------------------------------------------------------------------
RULE_MESSAGE = 'message = "标准数字教室数（{digital_classrooms}）不能多于教室总数（{classrooms}）"'


def _with_english(forms: Path, english: str) -> None:
    path = forms / "fields" / "school_common.toml"
    text = path.read_text("utf-8")
    lines = [line for line in text.splitlines()
             if not (line.startswith("message_en") and "digital_classrooms" in line)]
    at = lines.index(RULE_MESSAGE)
    lines.insert(at + 1, f"message_en = {english!r}".replace("'", '"'))
    path.write_text("\n".join(lines) + "\n", "utf-8")


def test_a_rules_english_is_shown_and_changes_no_released_form(forms_copy, catalog):
    """message_en is a translation: it is not in the form's content hash (releases.toml keeps
    matching), and the rule's message carries it (texts.Text) with the values filled in."""
    from eduplan_core.validation import rule_message

    _with_english(forms_copy, "Digital classrooms ({digital_classrooms}) over all ({classrooms})")
    changed = load_catalog(forms_copy)
    assert {c: f.hash for c, f in changed.forms.items()} == \
        {c: f.hash for c, f in catalog.forms.items()}
    rule = next(r for r in changed.forms["primary"].rules
                if r.code == "digital_classrooms_le_classrooms")
    said = rule_message(rule, {"digital_classrooms": 12, "classrooms": 10})
    assert said == "标准数字教室数（12）不能多于教室总数（10）"
    assert said.en == "Digital classrooms (12) over all (10)"
    # the Chinese message is what the form asks: changing it is a new version
    path = forms_copy / "fields" / "school_common.toml"
    path.write_text(path.read_text("utf-8").replace("不能多于教室总数", "不能超过教室总数"), "utf-8")
    assert _problems(forms_copy)  # the released hash no longer matches


def test_a_rules_english_names_only_fields_of_the_form(forms_copy):
    _with_english(forms_copy, "Digital classrooms ({digital_rooms}) over all ({classrooms})")
    problems = _problems(forms_copy)
    assert any(".message_en" in p and "{digital_rooms}" in p for p in problems), problems


def test_every_rule_of_forms_has_its_english(catalog):
    """Every rule of forms/ says its message in English too (a new rule without it would
    show Chinese in an English window)."""
    missing = sorted({f"{r.file}: {r.code}" for f in catalog.forms.values() for r in f.rules
                      if not r.message_en})
    assert not missing, missing
