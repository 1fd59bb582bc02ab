"""Errors with a message a user can act on (Chinese first, English second)."""

from __future__ import annotations

from .texts import english


class EduPlanError(Exception):
    """Base class: `message` is Chinese, `message_en` the English second language."""

    exit_code = 2

    def __init__(self, message: str, message_en: str = ""):
        super().__init__(message)
        self.message = message
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message


class DataFileError(EduPlanError):
    """A file in forms/ (or an imported file) is broken: file, key and reason."""

    def __init__(self, file: str, key: str, reason: str):
        from .texts import english  # key and reason may be texts.Text (with their English)

        self.file, self.key, self.reason = file, key, reason
        super().__init__(f"{file}：{key}：{reason}", f"{file}: {english(key)}: {english(reason)}")


class CatalogError(EduPlanError):
    """One or more problems in forms/; each problem is a DataFileError."""

    def __init__(self, problems: list[DataFileError]):
        self.problems = problems
        lines = "\n".join(f"  {p.message}" for p in problems)
        super().__init__(f"forms/ 数据有 {len(problems)} 处错误：\n{lines}",
                         f"{len(problems)} problem(s) in forms/")


class ExpressionError(EduPlanError):
    """An expression is not allowed or cannot be parsed."""


class OrgNotFound(EduPlanError):
    pass


class AmbiguousOrg(EduPlanError):
    def __init__(self, query: str, candidates: list[tuple[str, str]]):
        self.candidates = candidates
        names = "、".join(f"{name}（{code}）" for code, name in candidates)
        super().__init__(f"“{query}”对应多个单位，请用代码指定：{names}",
                         f"\"{query}\" matches several units, give a code: "
                         + ", ".join(f"{name} ({code})" for code, name in candidates))


class UsageError(EduPlanError):
    """Bad input from the user (wrong option, unknown field, wrong role...)."""


class ValidationFailed(EduPlanError):
    """Values were refused by an error-level rule; nothing was stored."""

    exit_code = 1

    def __init__(self, issues):
        self.issues = issues
        lines = "\n".join(f"  ✗ {i.message}" for i in issues)
        lines_en = "\n".join(f"  ✗ {english(i.message)}" for i in issues)
        super().__init__(f"数据未保存，存在错误：\n{lines}", f"Not saved, errors:\n{lines_en}")


class WorkspaceError(EduPlanError):
    """The workspace is missing, damaged or of the wrong kind."""


class WorkspaceDamaged(WorkspaceError):
    pass


class Cancelled(EduPlanError):
    def __init__(self):
        super().__init__("操作已取消", "Cancelled")


class StorageError(WorkspaceError):
    """Writing or reading the workspace's file failed for a reason outside EduPlan (disk full,
    read-only file or folder, I/O error); the message says what happened and what was kept."""


class DiskFull(StorageError):
    pass


class ReadOnlyStorage(StorageError):
    pass


class NotAWorkspace(WorkspaceError):
    """A file named eduplan.sqlite that EduPlan did not make (empty, foreign, newer schema):
    refused and left exactly as it is."""


class WorkspaceInUse(WorkspaceError):
    """Another process holds the workspace in a way that rules out what was asked."""

    def __init__(self, message: str, message_en: str = "", holders=()):
        super().__init__(message, message_en)
        self.holders = tuple(holders)
