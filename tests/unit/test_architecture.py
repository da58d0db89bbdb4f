"""The backend's layering rules, checked on the source (docs/architecture.md, "Rules the
tests enforce"):

- routers are HTTP in, one service call, HTTP out: no SQLAlchemy, no queries or writes on a
  session, no audit entries (the service that makes a change writes its audit entry);
- only the unit of work (core/) commits;
- every writer of posts keeps the KPI rollups in step explicitly (posts/rollup.py `touch` or
  `refresh`); there is no global flush hook to lean on;
- the domain folders, routers aside, import each other without cycles, except the one cycle
  still known (the access kernel, see KNOWN_CYCLE), which may only shrink.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "backend" / "botschaft"

SESSION_CALLS = {
    "execute",
    "scalar",
    "scalars",
    "get",
    "add",
    "add_all",
    "delete",
    "flush",
    "commit",
}
SESSION_CALLS |= {"rollback", "merge", "refresh"}
# Who may build or bulk-change posts, and why that keeps the rollups right.
POST_WRITERS = {
    "posts/service.py": "rollup.touch after each change",
    "posts/imports.py": "rollup.refresh after its bulk statements",
    "demo/posts.py": "rollup.touch after adding the demo's posts",
    "erasure/service.py": "blanks links and notes only, which the rollups do not count",
}
# accounts, audit, auth and programs still import each other: the tenancy kernel (program,
# membership, roles, access) is to move below them. New members of a cycle fail the test.
KNOWN_CYCLE = frozenset({"accounts", "audit", "auth", "programs"})


@cache
def _modules() -> dict[str, ast.Module]:
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(), str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _is_router(name: str) -> bool:
    return name.rsplit("/", 1)[-1].endswith("router.py")


def _imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _calls(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def test_the_checks_see_the_code():
    names = set(_modules())
    assert {"posts/router.py", "posts/service.py", "core/database.py"} <= names
    assert sum(_is_router(n) for n in names) >= 25


def test_routers_do_no_database_work_and_write_no_audit_entries():
    wrong = []
    for name, tree in _modules().items():
        if not _is_router(name):
            continue
        for module in _imports(tree):
            writes_audit = module.startswith("botschaft.audit") and not name.startswith("audit/")
            if module.startswith("sqlalchemy") or writes_audit:
                wrong.append(f"{name} imports {module}")
        for call in _calls(tree):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr in SESSION_CALLS:
                owner = ast.unparse(func.value)
                if owner in {"session", "db", "self.session"} or owner.endswith(".session"):
                    wrong.append(f"{name}:{call.lineno} calls {owner}.{func.attr}")
    assert wrong == []


def test_only_the_unit_of_work_commits():
    wrong = [
        f"{name}:{call.lineno}"
        for name, tree in _modules().items()
        if not name.startswith("core/")
        for call in _calls(tree)
        if isinstance(call.func, ast.Attribute) and call.func.attr == "commit"
    ]
    assert wrong == []


def _writes_posts(tree: ast.Module) -> list[int]:
    lines = []
    for call in _calls(tree):
        func = call.func
        builds = isinstance(func, ast.Name) and func.id == "Post"
        bulk = (
            isinstance(func, ast.Name)
            and func.id in {"insert", "update", "delete"}
            and bool(call.args)
            and ast.unparse(call.args[0]) in {"Post", "Post.__table__"}
        )
        if builds or bulk:
            lines.append(call.lineno)
    return lines


def test_every_writer_of_posts_keeps_the_rollups_in_step():
    writers = {name for name, tree in _modules().items() if _writes_posts(tree)}
    assert writers == set(POST_WRITERS)
    for name in writers - {"erasure/service.py"}:
        source = ast.unparse(_modules()[name])
        assert "rollup.touch(" in source or "rollup.refresh(" in source, name


def _domain_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, tree in _modules().items():
        if "/" not in name or _is_router(name):
            continue  # the app's wiring and the HTTP layer sit on top of everything
        domain = name.split("/", 1)[0]
        for module in _imports(tree):
            parts = module.split(".")
            other = parts[1] if parts[0] == "botschaft" and len(parts) > 1 else domain
            if other != domain and (PACKAGE / other).is_dir():
                graph.setdefault(domain, set()).add(other)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one domain (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(set(graph) | {n for targets in graph.values() for n in targets}):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_domains_import_each_other_without_new_cycles():
    for cycle in _cycles(_domain_graph()):
        assert cycle <= KNOWN_CYCLE, f"a new import cycle between domains: {sorted(cycle)}"


def test_core_imports_no_domain():
    graph = _domain_graph()
    assert graph.get("core", set()) == set()
