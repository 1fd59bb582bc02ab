"""Exchange between workspaces up the chain school → county → prefecture → province: the
workspace's keys (keys.py); setup files, sealed bundles and their merge come next (issue 10)."""
