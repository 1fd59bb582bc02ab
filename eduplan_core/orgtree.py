"""The org tree a workspace sees: the shipped units, demo schools (demo only), registered schools.

A unit's former codes (``[[org.former]]``: 禄丰县 532331 → 禄丰市 532302) find the unit, and a
school recorded under a former code is placed under the unit as it is now. A school whose county
the tree does not know is never silently left out of a roll-up: :meth:`OrgTree.unplaced` lists
it and :meth:`OrgTree.check_placed` refuses to total without it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from .catalog.model import Catalog, Org
from .errors import AmbiguousOrg, OrgNotFound, UsageError
from .inputs import shown


class OrgTree:
    def __init__(self, catalog: Catalog, extra: Iterable[Org] = (), include_demo: bool = False):
        self._orgs: dict[str, Org] = dict(catalog.orgs)
        if include_demo:
            self._orgs.update(catalog.demo_schools)
        for org in extra:
            self._orgs[org.code] = org
        self._former = {f.code: org.code for org in self._orgs.values() for f in org.former
                        if f.code != org.code}
        self._children: dict[str, list[str]] = {}
        self._unplaced: list[Org] = []
        for code, org in list(self._orgs.items()):
            if org.parent in self._former:  # recorded under a unit's former code
                org = self._orgs[code] = replace(org, parent=self._former[org.parent])
            if org.parent in self._orgs:
                self._children.setdefault(org.parent, []).append(org.code)
            elif org.parent:
                self._unplaced.append(org)
        for kids in self._children.values():
            kids.sort()
        self._unplaced.sort(key=lambda o: o.code)

    def __contains__(self, code: str) -> bool:
        return code in self._orgs or code in self._former

    def __iter__(self) -> Iterator[Org]:
        return iter(sorted(self._orgs.values(), key=lambda o: o.code))

    def get(self, code: str) -> Org | None:
        return self._orgs.get(self._former.get(code, code))

    def resolve(self, query: str) -> Org:
        """Find an org by code (former codes too) or by a Chinese name that is unique."""
        query = (query or "").strip()
        org = self.get(query)
        if org:
            return org
        exact = [o for o in self._orgs.values() if query in (o.name, o.short)]
        exact += [o for o in self._orgs.values() if any(f.name == query for f in o.former)]
        if len(exact) == 1:
            return exact[0]
        matches = exact or [o for o in self._orgs.values()
                            if query and (query in o.name or (o.short and query in o.short))]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousOrg(query, sorted((o.code, o.name) for o in matches))
        raise OrgNotFound(f"找不到单位“{query}”（可用单位代码或唯一的中文名称）",
                          f"No unit \"{query}\" (give its code or its unique Chinese name)")

    def unplaced(self) -> list[Org]:
        """Units whose parent this tree does not know (a school registered under a county that
        is not in this version's org table): in no roll-up, so never totalled silently."""
        return list(self._unplaced)

    def check_placed(self, root: Org) -> None:
        """Refuse (UsageError) a roll-up for a bureau while a school of this workspace sits under
        a county the tree does not know: its values would be missing from every total."""
        if root.is_school or not self._unplaced:
            return
        names = "、".join(f"{shown(o.name)}（{o.code}，所属县代码“{shown(o.parent)}”）"
                         for o in self._unplaced[:10])
        more = f"等 {len(self._unplaced)} 所" if len(self._unplaced) > 10 else ""
        raise UsageError(
            f"{names}{more}的所属县不在本版 EduPlan 的单位表中，无法计入任何县、州（市）或全省的汇总；"
            "未作汇总。请核对该校的所属县代码（GB/T 2260），或换用含有该县的 EduPlan 版本。",
            f"{len(self._unplaced)} school(s) under a county this version does not know; "
            "nothing was totalled")

    def children(self, code: str) -> list[Org]:
        return [self._orgs[c] for c in self._children.get(code, [])]

    def descendants(self, code: str) -> list[Org]:
        out: list[Org] = []
        stack = list(reversed(self._children.get(code, [])))
        while stack:
            c = stack.pop()
            out.append(self._orgs[c])
            stack.extend(reversed(self._children.get(c, [])))
        return out

    def ancestors(self, code: str) -> list[Org]:
        """Parents from the nearest up to the province."""
        out = []
        org = self.get(code)
        while org and org.parent:
            org = self._orgs.get(org.parent)
            if org:
                out.append(org)
        return out

    def is_below(self, code: str, ancestor: str) -> bool:
        return any(a.code == ancestor for a in self.ancestors(code))

    def county_of(self, code: str) -> Org | None:
        org = self.get(code)
        if org and org.level == "county":
            return org
        return next((a for a in self.ancestors(code) if a.level == "county"), None)
