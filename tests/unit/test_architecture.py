"""The rules of docs/architecture.md ("Rules the architecture test enforces"), read from the
code: routers are HTTP in, one service call, HTTP out; only the request's route commits; the
domains do not import each other in a loop. Known exceptions are listed with their reason and
are to shrink (issue #15), never to grow."""

from __future__ import annotations

import ast
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "botschaft"
SESSION_WORK = {"execute", "scalar", "scalars", "get", "add", "add_all", "delete", "flush",
                "commit", "rollback"}  # fmt: skip

# (module, call) -> why it is still there.
KNOWN_ROUTER_SESSION_CALLS: dict[tuple[str, str], str] = {}
KNOWN_COMMITS = {
    "core/database.py": "the unit of work itself",
    "core/routing.py": "the route commits before it answers",
    "auth/service.py": "ends the read before the slow password hash, so no lock is held",
}
# The foundation domains still import each other (issue #15: a tenancy kernel breaks the loop).
# No other domain may join a loop.
KNOWN_LOOP = {"accounts", "audit", "auth", "jobs", "notifications", "programs"}


def _modules():
    for path in sorted(BACKEND.rglob("*.py")):
        yield path.relative_to(BACKEND).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _session_calls(tree):
    for node in ast.walk(tree):
        call = node.func if isinstance(node, ast.Call) else None
        if (
            isinstance(call, ast.Attribute)
            and isinstance(call.value, ast.Name)
            and call.value.id == "session"
            and call.attr in SESSION_WORK
        ):
            yield call.attr, node.lineno


def _is_router(module: str) -> bool:
    name = module.rsplit("/", 1)[-1]
    return name == "router.py" or name.endswith("_router.py")


def test_routers_neither_import_sqlalchemy_nor_touch_the_session():
    found = []
    for module, tree in _modules():
        if not _is_router(module):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                found.append(f"{module}:{node.lineno} imports {node.module}")
            if isinstance(node, ast.Import) and any(
                a.name.startswith("sqlalchemy") for a in node.names
            ):
                found.append(f"{module}:{node.lineno} imports sqlalchemy")
        for call, line in _session_calls(tree):
            if (module, call) not in KNOWN_ROUTER_SESSION_CALLS:
                found.append(f"{module}:{line} session.{call}() — move it into the service")
    assert not found, "\n".join(found)


def test_only_the_route_commits():
    found = [
        f"{module}:{line} commits"
        for module, tree in _modules()
        for call, line in _session_calls(tree)
        if call == "commit" and module not in KNOWN_COMMITS
    ]
    assert not found, "services never commit; the route does (core/routing.py):\n" + "\n".join(
        found
    )


def _domain_imports() -> dict[str, set[str]]:
    domains = {p.name for p in BACKEND.iterdir() if (p / "__init__.py").exists()}
    edges: dict[str, set[str]] = {d: set() for d in domains}
    for module, tree in _modules():
        own = module.split("/", 1)[0]
        if own not in domains:
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("botschaft."):
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("botschaft.")]
            for name in names:
                target = name.split(".")[1]
                if target in domains and target != own:
                    edges[own].add(target)
    return edges


def _loops(edges: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one domain (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                loops.append(component)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return loops


def test_the_loop_finder_finds_a_loop():
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_domain_joins_an_import_loop():
    loops = _loops(_domain_imports())
    assert all(loop <= KNOWN_LOOP for loop in loops), (
        f"new import loop between domains: {[sorted(loop) for loop in loops]}"
    )
