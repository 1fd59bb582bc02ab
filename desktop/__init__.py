"""EduPlan desktop (PySide6): a thin layer over eduplan_core. Nothing in eduplan_core imports it."""
