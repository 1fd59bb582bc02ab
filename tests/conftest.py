from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from eduplan_core.catalog.load import get_catalog
from eduplan_core.store.workspace import Workspace


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Nothing a test does touches the real user data dir, workspace or Qt settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("EDUPLAN_HOME", str(home))
    monkeypatch.delenv("EDUPLAN_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from PySide6.QtCore import QLocale, QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    # the app's default language, whatever the machine's locale or an earlier test chose
    # (desktop.app.install_translator); the core's phrases follow it (desktop.models.words)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return home


@pytest.fixture
def forms_copy(tmp_path):
    """A copy of forms/ to break on purpose."""
    dst = tmp_path / "forms"
    shutil.copytree(project_root() / "forms", dst)
    return dst


@contextmanager
def window_language(language: str):
    """The window in ``language`` (zh_CN or en) as the app sets it (desktop.app
    install_translator: EduPlan's English, or Qt's own Chinese); Chinese again after."""
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    app = QApplication.instance()
    QSettings().setValue("language", language)
    translator = install_translator(app)
    if language == "en" and translator is None:
        QSettings().setValue("language", "zh_CN")
        pytest.skip("resources/translations/eduplan_en.qm is missing (make translations)")
    try:
        yield language
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        QSettings().setValue("language", "zh_CN")
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


@pytest.fixture
def english():
    """The window in English."""
    with window_language("en") as language:
        yield language


@pytest.fixture(params=["zh_CN", "en"])
def language(request):
    """Each test in Chinese and in English."""
    with window_language(request.param) as chosen:
        yield chosen


@pytest.fixture(scope="session")
def catalog():
    return get_catalog()


@pytest.fixture
def county_ws(tmp_path, catalog):
    """A fresh 东川区 county workspace with one paper school and one self-reporting school."""
    from eduplan_core.store.orgs import SchoolInput, check_school, register_schools

    ws = Workspace.create(tmp_path / "county", org="东川区", role="county", operator="张三",
                          catalog=catalog)
    schools = []
    for s in (SchoolInput("2153119001", "测试村小", "东川区", "小学", paper=True),
              SchoolInput("2153119002", "测试中心小学", "东川区", "小学"),
              SchoolInput("2153119003", "测试幼儿园", "东川区", "幼儿园", ownership="普惠性民办")):
        org, errors = check_school(ws.orgs, s)
        assert not errors
        schools.append(org)
    register_schools(ws, schools)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo workspace, built once per session; copy it with `demo_path` before changing it."""
    from eduplan_core.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "ws"
    build_demo(path)
    return path


@pytest.fixture
def demo_path(demo_master, tmp_path):
    target = tmp_path / "demo"
    shutil.copytree(demo_master, target, ignore=shutil.ignore_patterns("backups"))
    return target


def count_rows(ws: Workspace) -> dict[str, int]:
    return {t: ws.db[t].count for t in ("entries", "revisions", "current_values",
                                        "submissions", "orgs")}


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def cheap_kdf(monkeypatch):
    """The documented cheap Argon2id setting (EDUPLAN_INSECURE_TEST_KDF=1, which EduPlan never
    sets), and no passphrase or restore code in the environment. Files with real keys use it:
    ``pytestmark = pytest.mark.usefixtures("cheap_kdf")``."""
    monkeypatch.setenv("EDUPLAN_INSECURE_TEST_KDF", "1")
    for name in ("EDUPLAN_PASSPHRASE", "EDUPLAN_NEW_PASSPHRASE", "EDUPLAN_BACKUP_PASSPHRASE",
                 "EDUPLAN_RESTORE_CODE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def chain(tmp_path):
    """云南省 → 昆明市 → 东川区 → 测试中心小学, each set up from its parent's setup file
    (tests/chain.py); closed after the test."""
    from .chain import build_chain

    c = build_chain(tmp_path)
    yield c
    c.close()
