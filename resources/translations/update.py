"""Refresh the English translation: extract every self.tr("…") string of desktop/ with
pyside6-lupdate into eduplan_en.ts, fill in the English of en.tsv and en-*.tsv (source <TAB> English; a
page may keep its strings in a file of its own), add
the vocabulary (eduplan_core/vocab.py: each kind of term a context of its own, e.g. Status, with
the term's English), and compile eduplan_en.qm with pyside6-lrelease. Chinese is the source
language.

    .venv/bin/python resources/translations/update.py    (or: make translations)
    .venv/bin/python resources/translations/update.py --check   (tests/test_desktop.py: the
        committed file is what the sources make now)

Strings without an English line stay untranslated (shown in Chinese) and are listed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from eduplan_core.vocab import TERMS  # noqa: E402  (after the path is set)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        return check()
    return update(HERE / "eduplan_en.ts", HERE / "eduplan_en.qm")


def check() -> int:
    """Exit 1 when the committed eduplan_en.ts is not what the sources and the TSV files make
    now (a string added, moved to another class, or given other English without `make
    translations`): compared by context, source and translation, not by line numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "eduplan_en.ts"
        shutil.copyfile(HERE / "eduplan_en.ts", fresh)
        update(fresh, Path(tmp) / "eduplan_en.qm", quiet=True)
        now, committed = messages(fresh), messages(HERE / "eduplan_en.ts")
    if now == committed:
        return 0
    for what, items in (("missing from", now - committed), ("stale in", committed - now)):
        for context, source, translation in sorted(items)[:20]:
            print(f"{what} eduplan_en.ts: [{context}] {source!r} → {translation!r}")
    print("run `make translations` and commit eduplan_en.ts and eduplan_en.qm")
    return 1


def messages(ts: Path) -> set[tuple[str, str, str]]:
    """(context, source, translation) of every message of a .ts file."""
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else "".join(translation.itertext())
            out.add((name, message.findtext("source") or "", text))
    return out


def update(ts: Path, qm: Path, quiet: bool = False) -> int:
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts),
                    "-target-language", "en", "-no-obsolete"], check=True, capture_output=True)
    table = {}
    lines = []
    for tsv in [HERE / "en.tsv", *sorted(HERE.glob("en-*.tsv"))]:  # en-<page>.tsv: one a page
        lines += tsv.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.strip() and not line.startswith("#") and "\t" in line:
            src, dst = line.split("\t", 1)
            table[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    tree = ET.parse(ts)
    missing = []
    vocabulary = {kind.__name__ for kind in TERMS}
    for message in (m for c in tree.iter("context") if c.findtext("name") not in vocabulary
                    for m in c.iter("message")):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in table:
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":  # English: singular and plural, same text
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for _ in range(2):
                    form = ET.SubElement(translation, "numerusform")
                    form.text = table[source]
            else:
                translation.text = table[source]
        else:
            missing.append(source)
    add_vocabulary(tree.getroot())
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)
    for m in sorted(set(missing)) if not quiet else ():
        print("untranslated:", m)
    return 0


def add_vocabulary(root: ET.Element) -> None:
    """One context per kind of term (what desktop.models.term translates in), each term's
    Chinese name with its English."""
    for kind in TERMS:
        for old in [c for c in root.iter("context") if c.findtext("name") == kind.__name__]:
            root.remove(old)
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = kind.__name__
        for term in kind:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = term.zh
            ET.SubElement(message, "translation").text = term.en
        ET.indent(context, space="    ")
        context.tail = "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
