"""Refresh the English translation: extract every self.tr("…") string of desktop/ with
pyside6-lupdate into eduplan_en.ts, fill in the English of en.tsv (source <TAB> English), and
compile eduplan_en.qm with pyside6-lrelease. Chinese is the source language.

    .venv/bin/python resources/translations/update.py    (or: make translations)

Strings without an English line stay untranslated (shown in Chinese) and are listed."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent


def main() -> int:
    ts = HERE / "eduplan_en.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts),
                    "-target-language", "en"], check=True, capture_output=True)
    table = {}
    for line in (HERE / "en.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            src, dst = line.split("\t", 1)
            table[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
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
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm",
                    str(HERE / "eduplan_en.qm")], check=True, capture_output=True)
    for m in sorted(set(missing)):
        print("untranslated:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
