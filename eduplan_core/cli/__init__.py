"""The `eduplan` command line (click). Exit codes: 0 ok, 1 blocked by validation, 2 bad input."""
