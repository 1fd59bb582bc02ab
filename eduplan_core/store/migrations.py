"""Numbered schema migrations (sqlite-utils' Migrations); never edit one that has shipped."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

migrations = Migrations("eduplan")


def names(migration_set: Migrations = migrations) -> list[str]:
    """The names of a set's migrations (to tell a newer workspace from ours)."""
    return [m.name for m in migration_set._migrations]


@migrations()
def m001_initial(db):
    db.executescript(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- schools registered in this workspace (the shipped units live in forms/)
        CREATE TABLE orgs (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL DEFAULT 'school',
            parent TEXT NOT NULL,
            type TEXT NOT NULL,
            ownership TEXT NOT NULL,
            urban_rural TEXT NOT NULL,
            contact TEXT,
            phone TEXT,
            paper INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        -- attributes that change from one year on (ownership, closure, rename...)
        CREATE TABLE org_history (
            org TEXT NOT NULL REFERENCES orgs(code),
            year INTEGER NOT NULL,
            attr TEXT NOT NULL,
            value TEXT,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            PRIMARY KEY (org, year, attr)
        );
        -- one form of one org for one year
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            org TEXT NOT NULL,
            year INTEGER NOT NULL,
            form TEXT NOT NULL,
            form_version TEXT NOT NULL,
            form_hash TEXT NOT NULL,
            owner TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (org, year, form)
        );
        -- every change of every value, append-only
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            entry_id INTEGER NOT NULL REFERENCES entries(id),
            field TEXT NOT NULL,
            old_value,
            new_value,
            explanation TEXT,
            operator TEXT NOT NULL,
            at TEXT NOT NULL,
            source TEXT NOT NULL
        );
        CREATE INDEX revisions_entry_field ON revisions (entry_id, field, id);
        -- the current value of each field: the latest revision's value
        CREATE TABLE current_values (
            entry_id INTEGER NOT NULL REFERENCES entries(id),
            field TEXT NOT NULL,
            value,
            explanation TEXT,
            carried_over INTEGER NOT NULL DEFAULT 0,
            revision_id INTEGER NOT NULL REFERENCES revisions(id),
            PRIMARY KEY (entry_id, field)
        );
        -- a submission freezes the values at one revision, with the form's hash
        CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            entry_id INTEGER NOT NULL REFERENCES entries(id),
            revision_id INTEGER,
            form_version TEXT NOT NULL,
            form_hash TEXT NOT NULL,
            values_json TEXT NOT NULL,
            operator TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TRIGGER revisions_append_only_u BEFORE UPDATE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        CREATE TRIGGER revisions_append_only_d BEFORE DELETE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
        CREATE TRIGGER submissions_append_only_u BEFORE UPDATE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
        CREATE TRIGGER submissions_append_only_d BEFORE DELETE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are append-only'); END;
        """
    )


@migrations()
def m002_teaching_points(db):
    """教学点 in the register: a flag (a 教学点 is registered as a 小学 and fills its form) and
    the school it belongs to, where it has one. Both may change from a year on (org_history)."""
    db.executescript(
        """
        ALTER TABLE orgs ADD COLUMN teaching_point INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE orgs ADD COLUMN parent_school TEXT;
        """
    )


@migrations()
def m003_import_origin(db):
    """Revisions and submissions that arrived from another workspace (store/imports.py) keep
    where they were made: ``origin_workspace`` (NULL: made in this workspace), ``received_at``
    (when they arrived here) and, for revisions, ``prev_uid`` — the revision of the same field
    it replaced, as its origin knew it (NULL for a local one: the previous local revision by
    id). The chain, not the clock, says which revision is the latest."""
    db.executescript(
        """
        ALTER TABLE revisions ADD COLUMN origin_workspace TEXT;
        ALTER TABLE revisions ADD COLUMN prev_uid TEXT;
        ALTER TABLE revisions ADD COLUMN received_at TEXT;
        ALTER TABLE submissions ADD COLUMN origin_workspace TEXT;
        ALTER TABLE submissions ADD COLUMN received_at TEXT;
        CREATE INDEX revisions_prev ON revisions (prev_uid);
        """
    )


@migrations()
def m004_keys(db):
    """The workspace's keys (eduplan_core/exchange/keys.py): per generation an X25519 key
    (encryption) and an Ed25519 key (signing), the private part only sealed under the
    operator's passphrase; the signed statements of rotations; and every key event."""
    db.executescript(
        """
        CREATE TABLE workspace_keys (
            id INTEGER PRIMARY KEY,
            generation INTEGER NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('encryption', 'signing')),
            algorithm TEXT NOT NULL,
            public_key BLOB NOT NULL,
            sealed TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            retired_at TEXT,
            UNIQUE (generation, purpose)
        );
        CREATE TABLE key_rotations (
            id INTEGER PRIMARY KEY,
            from_generation INTEGER NOT NULL,
            to_generation INTEGER NOT NULL UNIQUE,
            statement TEXT NOT NULL,
            old_signature BLOB NOT NULL,
            new_signature BLOB NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE key_events (
            id INTEGER PRIMARY KEY,
            event TEXT NOT NULL,
            generation INTEGER,
            detail TEXT,
            operator TEXT NOT NULL,
            at TEXT NOT NULL
        );
        -- a key is never deleted and never changes; only its sealing (a new passphrase) and
        -- its retirement (a rotation) do
        CREATE TRIGGER workspace_keys_kept_d BEFORE DELETE ON workspace_keys
        BEGIN SELECT RAISE(ABORT, 'keys are never deleted'); END;
        CREATE TRIGGER workspace_keys_kept_u
        BEFORE UPDATE OF generation, purpose, algorithm, public_key, created_at, created_by
        ON workspace_keys
        BEGIN SELECT RAISE(ABORT, 'a key never changes'); END;
        CREATE TRIGGER key_rotations_append_only_u BEFORE UPDATE ON key_rotations
        BEGIN SELECT RAISE(ABORT, 'key rotations are append-only'); END;
        CREATE TRIGGER key_rotations_append_only_d BEFORE DELETE ON key_rotations
        BEGIN SELECT RAISE(ABORT, 'key rotations are append-only'); END;
        CREATE TRIGGER key_events_append_only_u BEFORE UPDATE ON key_events
        BEGIN SELECT RAISE(ABORT, 'key events are append-only'); END;
        CREATE TRIGGER key_events_append_only_d BEFORE DELETE ON key_events
        BEGIN SELECT RAISE(ABORT, 'key events are append-only'); END;
        """
    )


@migrations()
def m005_exchange(db):
    """Exchange (eduplan_core/exchange/): the keys of the offices this workspace exchanges
    with (``peers``), every bundle it sent (``sent_bundles``: the sequence never goes back),
    every bundle file it accepted, held or refused by hash (``received_bundles``), every
    import attempt (``import_log``, append-only) and the conflicts kept for a person to
    resolve (``conflicts``; a resolution is recorded on the row, never by deleting it)."""
    db.executescript(
        """
        CREATE TABLE peers (
            id INTEGER PRIMARY KEY,
            org TEXT NOT NULL,
            relation TEXT NOT NULL CHECK (relation IN ('parent', 'child')),
            workspace_id TEXT,
            encryption_key BLOB NOT NULL,
            signing_key BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'retired')),
            source TEXT NOT NULL,
            added_at TEXT NOT NULL,
            confirmed_at TEXT,
            confirmed_by TEXT,
            UNIQUE (org, signing_key)
        );
        CREATE TABLE sent_bundles (
            sequence INTEGER PRIMARY KEY,
            recipient TEXT NOT NULL,
            year INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL,
            records INTEGER NOT NULL,
            operator TEXT NOT NULL
        );
        CREATE TABLE received_bundles (
            file_sha256 TEXT PRIMARY KEY,
            sender TEXT NOT NULL,
            sender_workspace TEXT NOT NULL,
            signing_key BLOB NOT NULL,
            year INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            payload_sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('merged', 'stale', 'pending', 'conflict', 'kept')),
            reason TEXT,
            stored_as TEXT NOT NULL
        );
        CREATE INDEX received_bundles_sender ON received_bundles (sender, sequence);
        CREATE TABLE import_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            operator TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT,
            size INTEGER,
            sender TEXT,
            year INTEGER,
            sequence INTEGER,
            outcome TEXT NOT NULL,
            reason TEXT,
            detail TEXT
        );
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('owner', 'sequence')),
            org TEXT NOT NULL,
            year INTEGER NOT NULL,
            form TEXT,
            bundle TEXT NOT NULL,
            detail TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            resolved_at TEXT,
            resolved_by TEXT,
            resolution TEXT,
            reason TEXT
        );
        CREATE TRIGGER import_log_append_only_u BEFORE UPDATE ON import_log
        BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
        CREATE TRIGGER import_log_append_only_d BEFORE DELETE ON import_log
        BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
        CREATE TRIGGER sent_bundles_append_only_u BEFORE UPDATE ON sent_bundles
        BEGIN SELECT RAISE(ABORT, 'sent bundles are append-only'); END;
        CREATE TRIGGER sent_bundles_append_only_d BEFORE DELETE ON sent_bundles
        BEGIN SELECT RAISE(ABORT, 'sent bundles are append-only'); END;
        CREATE TRIGGER conflicts_kept_d BEFORE DELETE ON conflicts
        BEGIN SELECT RAISE(ABORT, 'conflicts are never deleted'); END;
        CREATE TRIGGER peers_kept_d BEFORE DELETE ON peers
        BEGIN SELECT RAISE(ABORT, 'peer keys are never deleted'); END;
        """
    )


@migrations()
def m006_audit(db):
    """The audit log (store/audit.py): every write appended to a hash chain; the heads this
    workspace signed at its exports, and the heads it received from the units below."""
    db.executescript(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            operator TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TABLE audit_heads (
            id INTEGER PRIMARY KEY,
            audit_id INTEGER NOT NULL,
            hash TEXT NOT NULL,
            statement TEXT NOT NULL,
            signature BLOB NOT NULL,
            signing_key BLOB NOT NULL,
            signed_at TEXT NOT NULL,
            bundle_sequence INTEGER
        );
        CREATE TABLE audit_heads_received (
            id INTEGER PRIMARY KEY,
            sender TEXT NOT NULL,
            sender_workspace TEXT NOT NULL,
            audit_id INTEGER NOT NULL,
            hash TEXT NOT NULL,
            statement TEXT NOT NULL,
            signature BLOB NOT NULL,
            signing_key BLOB NOT NULL,
            received_at TEXT NOT NULL,
            bundle TEXT NOT NULL,
            UNIQUE (sender_workspace, audit_id, hash)
        );
        CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_heads_append_only_u BEFORE UPDATE ON audit_heads
        BEGIN SELECT RAISE(ABORT, 'signed heads are append-only'); END;
        CREATE TRIGGER audit_heads_append_only_d BEFORE DELETE ON audit_heads
        BEGIN SELECT RAISE(ABORT, 'signed heads are append-only'); END;
        """
    )
