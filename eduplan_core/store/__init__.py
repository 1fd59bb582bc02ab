"""The local store: one SQLite file per workspace (sqlite-utils), schema by migrations."""
