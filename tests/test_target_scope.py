"""Every target with the right scope: none left out silently, scoped roll-ups counted over the
schools the sentence speaks of (hand-computed), the province's own form, OCR readings."""

import datetime as dt
import shutil

import pytest

from eduplan_core.catalog.load import load_catalog
from eduplan_core.errors import CatalogError
from eduplan_core.indicators.evaluate import check
from eduplan_core.indicators.frame import unit_table
from eduplan_core.orgtree import OrgTree

PROVINCE, LINCANG, COUNTY = "530000", "530900", "530113"


def _forms_copy(catalog, tmp_path):
    root = tmp_path / "forms"
    shutil.copytree(catalog.root, root)
    return root


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_target_the_check_would_skip_is_a_catalogue_error(catalog, tmp_path):
    """An aggregate target at a level its indicator is not computed at would never be judged:
    the catalogue refuses it instead of `check` leaving it out silently."""
    root = _forms_copy(catalog, tmp_path)
    _edit(root / "indicators" / "teachers_finance.toml",
          'levels = ["prefecture", "province"]', 'levels = ["prefecture"]')
    with pytest.raises(CatalogError) as err:
        load_catalog(root)
    text = str(err.value)
    assert "yn_leading_group_member_reviews_2024" in text and "不会被核查" in text


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_target_of_the_province_is_judged(catalog, year):
    """`check --org 云南省` lists each of 云南's own targets of the year — judged, 无数据 or
    不采集 with the reason — none dropped."""
    tree = OrgTree(catalog)
    province = tree.get(PROVINCE)
    findings = check(catalog, tree, province, year, {}, as_of=dt.date(year, 12, 31),
                     units=unit_table(tree, province, year))
    judged = {f.target for f in findings if f.org == PROVINCE}
    own = {t.code for t in catalog.plans["yunnan"].targets
           if t.year == year and t.applies_to == "aggregate"}
    assert own and own <= judged, sorted(own - judged)
    by = {f.target: f for f in findings if f.org == PROVINCE}
    assert by[f"yn_edu_spending_share_rank_{year}"].status == "no_data"
    assert by[f"yn_leading_group_member_reviews_{year}"].status == "no_data"
    assert all(f.status != "not_collected" or catalog_target(catalog, f.target).why
               for f in by.values())


def catalog_target(catalog, code):
    return next(t for t in catalog.targets if t.code == code)


def test_the_province_reports_its_own_rank_and_reviews_on_its_own_form(catalog):
    form = catalog.forms["province"]
    assert form.org_types == ("province",)
    assert {"prov_edu_spending_rank", "prov_member_reviews"} <= {f.code for f in form.fields}
    for code in ("edu_spending_share_rank", "leading_group_member_reviews"):
        assert "province" in catalog.indicators[code].levels
