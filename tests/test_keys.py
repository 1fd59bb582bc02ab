"""A workspace's keys (eduplan_core/exchange/keys.py and `eduplan keys`): real X25519 / Ed25519
keys, real Argon2id (the cheap test setting, EDUPLAN_INSECURE_TEST_KDF) and ChaCha20-Poly1305,
real SQLite workspaces. Nothing of the cryptography is mocked."""

import base64
import json
import re

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from eduplan_core.cli.main import cli
from eduplan_core.errors import UsageError
from eduplan_core.exchange import keys
from eduplan_core.store import keyrows
from eduplan_core.store.workspace import Workspace

PASS, OTHER, BACKUP = "东川区教育体育局2024", "another-passphrase", "备份口令 backup"
DIGITS = re.compile(r"^\d{4}( \d{4}){7}$")
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


pytestmark = pytest.mark.usefixtures("cheap_kdf")  # conftest: the test Argon2id setting


@pytest.fixture
def ws(tmp_path, catalog):
    w = Workspace.create(tmp_path / "county", org="东川区", role="county", operator="张三",
                         catalog=catalog)
    yield w
    w.close()


def _fresh(tmp_path, catalog, name="fresh", org="东川区"):
    return Workspace.create(tmp_path / name, org=org, role="county", operator="李四",
                            catalog=catalog)


def _dump(ws):
    return keyrows.key_tables_dump(ws), list(ws.db.conn.iterdump())


def test_the_setting_in_force_is_strong_unless_the_tests_ask(monkeypatch):
    strong = keys.STRONG_KDF
    assert (strong.iterations, strong.lanes, strong.memory_cost) == (3, 4, 64 * 1024)
    assert keys.default_kdf() == keys.TEST_KDF and keys.TEST_KDF.weak
    monkeypatch.delenv(keys.TEST_KDF_ENV)
    assert keys.default_kdf() == keys.STRONG_KDF and not keys.STRONG_KDF.weak
    monkeypatch.setenv(keys.TEST_KDF_ENV, "yes")  # only "1" weakens it
    assert keys.default_kdf() == keys.STRONG_KDF


def test_init_makes_two_keys_and_stores_the_private_halves_only_sealed(ws):
    info = keys.init_keys(ws, PASS)
    rows = keyrows.read_keys(ws)
    assert [(r["generation"], r["purpose"], r["algorithm"]) for r in rows] == [
        (1, "encryption", "X25519"), (1, "signing", "Ed25519")]
    ring = keys.unlock(ws, PASS)
    assert ring.current.public == (info.current.encryption, info.current.signing)
    assert ring.current.fingerprint == info.fingerprint
    sealed = json.loads(rows[0]["sealed"])
    assert sealed["kdf"]["algorithm"] == "argon2id" and sealed["aead"] == "chacha20poly1305"
    assert {"salt", "iterations", "lanes", "memory_cost"} <= set(sealed["kdf"])
    # the raw private bytes are nowhere in the workspace's files
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = b"".join(p.read_bytes() for p in ws.path.glob("eduplan.sqlite*"))
    for pair in ring.pairs:
        for key in (pair.encryption, pair.signing):
            assert keys._raw_private(key) not in files
    assert [e["event"] for e in keys.key_events(ws)] == ["init"]
    with pytest.raises(UsageError, match="已有密钥"):
        keys.init_keys(ws, PASS)


def test_a_sealed_key_opens_only_in_its_own_row(ws):
    """The associated data binds workspace, purpose, generation and public key: a sealed key
    moved to another row does not open (it reads as damaged), and nothing changes."""
    keys.init_keys(ws, PASS)
    rows = keyrows.read_keys(ws)
    with ws.write():
        keyrows.reseal_key(ws, rows[0]["id"], rows[1]["sealed"])
    with pytest.raises(keys.KeyDataDamaged):
        keys.unlock(ws, PASS)


def test_a_wrong_passphrase_says_so_and_changes_nothing(ws, tmp_path):
    keys.init_keys(ws, PASS)
    before = _dump(ws)
    out = tmp_path / "keys.backup"
    attempts = [lambda: keys.unlock(ws, OTHER),
                lambda: keys.rotate_keys(ws, OTHER),
                lambda: keys.change_passphrase(ws, OTHER, "a-new-passphrase"),
                lambda: keys.backup_keys(ws, OTHER, out, BACKUP)]
    for attempt in attempts:
        with pytest.raises(keys.WrongPassphrase) as info:
            attempt()
        assert info.value.message.startswith("口令不正确，未做任何修改")
        assert info.value.message_en and info.value.exit_code == 2
        assert _dump(ws) == before
    assert not out.exists() and not list(tmp_path.glob("keys.backup*"))
    # a passphrase that differs only in Unicode normalisation is the same passphrase
    keys.change_passphrase(ws, PASS, "cafe\u0301-passphrase")
    keys.unlock(ws, "caf\u00e9-passphrase")


def test_new_passphrases_have_eight_characters(ws):
    for bad in ("", "short", "        "):
        with pytest.raises(UsageError, match="至少需要 8 个字符"):
            keys.init_keys(ws, bad)
    assert not keys.has_keys(ws)
    keys.init_keys(ws, "八个汉字的口令呀")


def test_passphrase_change_keeps_the_keys(ws, monkeypatch):
    info = keys.init_keys(ws, PASS)
    keys.change_passphrase(ws, PASS, OTHER)
    with pytest.raises(keys.WrongPassphrase):
        keys.unlock(ws, PASS)
    assert keys.unlock(ws, OTHER).current.fingerprint == info.fingerprint
    assert keys.key_info(ws).kdf == keys.TEST_KDF
    # the parameters are stored with the key: made cheap, they open cheaply; a passphrase
    # change uses the setting in force
    monkeypatch.delenv(keys.TEST_KDF_ENV)
    assert keys.unlock(ws, OTHER).current.fingerprint == info.fingerprint
    monkeypatch.setattr(keys, "STRONG_KDF", keys.KdfParams(iterations=2, lanes=1,
                                                           memory_cost=1024))
    keys.change_passphrase(ws, OTHER, PASS)
    assert keys.key_info(ws).kdf == keys.KdfParams(2, 1, 1024)
    assert [e["event"] for e in keys.key_events(ws)] == ["init", "passphrase", "passphrase"]


def test_fingerprint_is_stable_and_readable(ws, tmp_path, catalog):
    assert DIGITS.match(keys.fingerprint(bytes(32), bytes(range(32))))
    assert keys.fingerprint(bytes(32), bytes(range(32))) != keys.fingerprint(
        bytes(range(32)), bytes(32))
    info = keys.init_keys(ws, PASS)
    assert DIGITS.match(info.fingerprint)
    path = ws.path
    ws.close()
    with Workspace.open(path, daily_backup=False) as again:
        assert keys.key_info(again).fingerprint == info.fingerprint
        keys.change_passphrase(again, PASS, OTHER)
        assert keys.key_info(again).fingerprint == info.fingerprint
    other = _fresh(tmp_path, catalog)
    try:
        assert keys.init_keys(other, PASS).fingerprint != info.fingerprint
    finally:
        other.close()


def test_fingerprint_known_answer():
    """Pinned: SHA-256("eduplan-fingerprint/v1\\0" ‖ encryption ‖ signing), first 16 bytes as
    a number mod 10^32, 8 groups of 4 digits."""
    import hashlib

    digest = hashlib.sha256(b"eduplan-fingerprint/v1\x00" + bytes(32) + bytes([1]) * 32)
    number = int.from_bytes(digest.digest()[:16], "big") % 10 ** 32
    expected = " ".join(f"{number:032d}"[i:i + 4] for i in range(0, 32, 4))
    assert keys.fingerprint(bytes(32), bytes([1]) * 32) == expected


def test_backup_and_restore_into_a_fresh_workspace_keeps_the_fingerprint(ws, tmp_path,
                                                                         catalog):
    keys.init_keys(ws, PASS)
    keys.rotate_keys(ws, PASS)
    info = keys.key_info(ws)
    out = tmp_path / "东川区-keys.json"
    result = keys.backup_keys(ws, PASS, out, BACKUP)
    assert result.fingerprint == info.fingerprint and out.stat().st_mode & 0o077 == 0
    doc = json.loads(out.read_text("utf-8"))
    assert (doc["format"], doc["version"], doc["org"]) == ("eduplan-key-backup", 1, "530113")
    assert len(doc["keys"]) == 4 and len(doc["rotations"]) == 1
    with pytest.raises(UsageError, match="已存在"):
        keys.backup_keys(ws, PASS, out, BACKUP)

    fresh = _fresh(tmp_path, catalog)
    try:
        before = _dump(fresh)
        with pytest.raises(keys.WrongPassphrase, match="备份文件的口令不正确"):
            keys.restore_keys(fresh, out, PASS, OTHER)
        assert _dump(fresh) == before
        restored = keys.restore_keys(fresh, out, BACKUP, OTHER)
        assert restored.fingerprint == info.fingerprint
        assert [k.fingerprint for k in restored.older] == [k.fingerprint for k in info.older]
        assert restored.workspace_id != info.workspace_id
        ring = keys.unlock(fresh, OTHER)
        assert [p.fingerprint for p in ring.pairs] == [
            p.fingerprint for p in keys.unlock(ws, PASS).pairs]
        assert keys.key_info(fresh).rotations == info.rotations
        with pytest.raises(UsageError, match="已有密钥"):
            keys.restore_keys(fresh, out, BACKUP, OTHER)
    finally:
        fresh.close()
    # another org's workspace does not take them
    elsewhere = _fresh(tmp_path, catalog, "linxiang", "临翔区")
    try:
        with pytest.raises(UsageError, match="东川区的密钥备份"):
            keys.restore_keys(elsewhere, out, BACKUP, OTHER)
        assert not keys.has_keys(elsewhere)
    finally:
        elsewhere.close()


def test_a_damaged_or_foreign_backup_file_is_refused(ws, tmp_path, catalog):
    keys.init_keys(ws, PASS)
    out = tmp_path / "k.json"
    keys.backup_keys(ws, PASS, out, BACKUP)
    doc = json.loads(out.read_text("utf-8"))
    fresh = _fresh(tmp_path, catalog)
    try:
        cases = {"not json": b"\x00\x01 not a backup",
                 "newer": json.dumps({**doc, "version": 2}).encode(),
                 "huge kdf": json.dumps({**doc, "kdf": {**doc["kdf"],
                                                        "memory_cost": 1 << 40}}).encode()}
        swapped = json.loads(json.dumps(doc))  # one key's public half replaced
        swapped["keys"][0]["public_key"] = base64.b64encode(bytes(32)).decode()
        cases["swapped"] = json.dumps(swapped).encode()
        for name, data in cases.items():
            bad = tmp_path / f"{name}.json"
            bad.write_bytes(data)
            with pytest.raises((keys.KeyFileError, keys.WrongPassphrase)):
                keys.restore_keys(fresh, bad, BACKUP, OTHER)
            assert not keys.has_keys(fresh), name
    finally:
        fresh.close()


def test_rotation_keeps_old_keys_and_is_signed_by_the_old_key(ws):
    first = keys.init_keys(ws, PASS)
    old_public = first.current
    # a bundle sealed to the first key before the rotation
    sealed = SUITE.encrypt(b"2024 bundle", X25519PublicKey.from_public_bytes(
        old_public.encryption), info=b"eduplan test")
    info, rotation = keys.rotate_keys(ws, PASS)
    assert info.current.generation == 2 and info.fingerprint != first.fingerprint
    assert [k.generation for k in info.older] == [1] and info.older[0].retired_at
    ring = keys.unlock(ws, PASS)
    assert [p.generation for p in ring.pairs] == [1, 2]
    old_key = ring.encryption_key_for(old_public.encryption)
    assert old_key is not None and ring.current.encryption is not old_key
    assert SUITE.decrypt(sealed, old_key, info=b"eduplan test") == b"2024 bundle"
    # the parent knows only the old signing key: the statement tells it the new ones
    stored = keys.key_info(ws).rotations[0]
    assert stored == rotation
    data = keys.verify_rotation(stored.statement, stored.old_signature, stored.new_signature,
                                old_public.signing)
    assert data["new"]["fingerprint"] == info.fingerprint
    assert base64.b64decode(data["new"]["encryption"]) == info.current.encryption
    assert (data["from_generation"], data["to_generation"], data["org"]) == (1, 2, "530113")
    # a changed statement, or a key that did not sign it, does not verify
    forged = stored.statement.replace(data["new"]["fingerprint"], "0000 " * 7 + "0000")
    for args in ((forged, stored.old_signature, stored.new_signature, old_public.signing),
                 (stored.statement, stored.old_signature, stored.new_signature,
                  info.current.signing),
                 (stored.statement, stored.new_signature, stored.new_signature,
                  old_public.signing)):
        with pytest.raises(keys.BadRotation):
            keys.verify_rotation(*args)
    # the statement row is append-only; keys are never deleted or changed
    import sqlite3

    for sql in ("DELETE FROM key_rotations", "UPDATE key_rotations SET statement = 'x'",
                "DELETE FROM workspace_keys", "UPDATE workspace_keys SET public_key = x'00'",
                "DELETE FROM key_events"):
        with pytest.raises(sqlite3.IntegrityError), ws.write():
            ws.db.execute(sql)
    keys.rotate_keys(ws, PASS)
    assert [p.generation for p in keys.unlock(ws, PASS).pairs] == [1, 2, 3]
    assert [e["event"] for e in keys.key_events(ws)] == ["init", "rotate", "rotate"]


def test_no_keys_yet_is_said_plainly(ws):
    for call in (lambda: keys.key_info(ws), lambda: keys.unlock(ws, PASS),
                 lambda: keys.rotate_keys(ws, PASS)):
        with pytest.raises(keys.KeysMissing, match="eduplan keys init"):
            call()


# -- the command line ---------------------------------------------------------------------

def run(*args, code=0, env=None, input=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)
    assert result.exit_code == code, (result.output, result.exception)
    return result


def test_cli_keys_from_prompts_and_from_the_environment(ws, tmp_path, catalog):
    w = ["--workspace", ws.path]
    # a new passphrase is asked twice; a mismatch and a short one are said, then asked again
    r = run("keys", "init", *w, input=f"short\n{PASS}\nnot the same\n{PASS}\n{PASS}\n")
    assert "至少需要 8 个字符" in r.output and "两次输入的口令不一致" in r.output
    assert PASS not in r.output
    fp = keys.key_info(ws).fingerprint
    assert f"指纹：{fp}" in r.output and "测试用低强度参数" in r.output
    shown = json.loads(run("keys", "show", "--json", *w).output)
    assert shown["fingerprint"] == fp and shown["generation"] == 1
    assert base64.b64decode(shown["current"]["signing"]["public_key"]) == \
        keys.key_info(ws).current.signing
    run("keys", "init", *w, env={"EDUPLAN_PASSPHRASE": PASS}, code=2)

    r = run("keys", "rotate", *w, env={"EDUPLAN_PASSPHRASE": OTHER}, code=2)
    assert "口令不正确" in r.output
    r = run("keys", "rotate", "--json", *w, env={"EDUPLAN_PASSPHRASE": PASS})
    assert json.loads(r.output)["rotation"]["from_generation"] == 1

    out = tmp_path / "backup.json"
    run("keys", "backup", "--out", out, *w, input=f"{PASS}\n{BACKUP}\n{BACKUP}\n")
    r = run("keys", "passphrase", *w, env={"EDUPLAN_PASSPHRASE": PASS,
                                           "EDUPLAN_NEW_PASSPHRASE": OTHER})
    assert "指纹不变" in r.output
    keys.unlock(ws, OTHER)

    fresh = tmp_path / "fresh"
    Workspace.create(fresh, org="东川区", role="county", operator="李四", catalog=catalog).close()
    run("keys", "restore", out, "--workspace", fresh, code=2,
        env={"EDUPLAN_BACKUP_PASSPHRASE": OTHER, "EDUPLAN_PASSPHRASE": PASS})
    r = run("keys", "restore", out, "--json", "--workspace", fresh,
            env={"EDUPLAN_BACKUP_PASSPHRASE": BACKUP, "EDUPLAN_PASSPHRASE": PASS})
    assert json.loads(r.output)["fingerprint"] == keys.key_info(ws).fingerprint
    r = run("keys", "restore", tmp_path / "none.json", "--workspace", fresh, code=2)
    assert "不存在" in r.output
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", "utf-8")
    r = run("keys", "restore", notes, "--workspace", fresh, code=2)
    assert "不是 EduPlan 密钥备份文件" in r.output


def test_cli_says_when_there_are_no_keys(ws):
    r = run("keys", "show", "--workspace", ws.path, code=2)
    assert "还没有密钥" in r.output


def test_cli_asks_for_no_new_passphrase_when_the_old_one_is_wrong_and_says_cancelled(
        tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eduplan_core.cli.main import cli

    ws = tmp_path / "ws"
    runner = CliRunner()
    monkeypatch.setenv("EDUPLAN_INSECURE_TEST_KDF", "1")
    assert runner.invoke(cli, ["init", "--org", "会泽县", "--role", "county", "--operator", "甲",
                               "--workspace", str(ws)]).exit_code == 0
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", "correct-horse-1")
    assert runner.invoke(cli, ["keys", "init", "--workspace", str(ws)]).exit_code == 0
    monkeypatch.setenv("EDUPLAN_PASSPHRASE", "wrong-passphrase")
    result = runner.invoke(cli, ["keys", "passphrase", "--workspace", str(ws)], input="")
    assert result.exit_code != 0 and "口令不正确" in result.output
    assert "新口令" not in result.output
    monkeypatch.delenv("EDUPLAN_PASSPHRASE")
    result = runner.invoke(cli, ["keys", "passphrase", "--workspace", str(ws)], input="")
    assert result.exit_code == 1 and "已取消，未做任何修改" in result.output
    assert "Aborted" not in result.output
