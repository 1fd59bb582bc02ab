"""EduPlan core: forms, orgs, plans and targets as data; the local store; no Qt here."""

__version__ = "0.1.0"
