"""The backend's layering rules, checked on the source (docs/architecture.md, "Rules the
tests enforce"):

- routers are HTTP in, one service call, HTTP out: no SQLAlchemy, no queries or writes on a
  session, no audit entries (the service that makes a change writes its audit entry);
- only the unit of work (core/) commits;
- every writer of posts keeps the KPI rollups in step explicitly (posts/rollup.py `touch` or
  `refresh`); there is no global flush hook to lean on;
- the domain folders, routers aside, import each other without cycles, and the foundation
  (identity, audit, jobs, notifications, auth, tenancy) is layered: each imports only what is
  below it, never a business domain.
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
# The foundation, bottom up: each may import only what is below it (routers aside). Business
# domains build on all of it and may read each other, without loops.
FOUNDATION = ["core", "identity", "audit", "jobs", "notifications", "auth", "tenancy"]


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


def test_domains_import_each_other_without_cycles():
    assert _cycles(_domain_graph()) == []


def test_the_foundation_is_layered():
    graph = _domain_graph()
    for level, domain in enumerate(FOUNDATION):
        below = set(FOUNDATION[:level])
        assert graph.get(domain, set()) <= below, (domain, graph.get(domain, set()) - below)


def _module_aliases(tree: ast.Module, own: str) -> set[str]:
    """Names bound to another botschaft module (`from botschaft.posts import service as posts`)."""
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("botschaft."):
            for alias in node.names:
                target = f"{node.module}.{alias.name}".split(".")
                if len(target) > 2 and target[1] != own and alias.name[0].islower():
                    aliases.add(alias.asname or alias.name)
    return aliases


def test_domains_use_each_other_only_through_public_names():
    wrong = []
    for name, tree in _modules().items():
        aliases = _module_aliases(tree, name.split("/", 1)[0])
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
            ):
                wrong.append(f"{name}:{node.lineno} {node.value.id}.{node.attr}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("botschaft."):
                other = node.module.split(".")[1]
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private and other != name.split("/", 1)[0]:
                    wrong.append(f"{name}:{node.lineno} imports {private} from {node.module}")
    assert wrong == []


def test_the_restricted_view_has_one_meaning():
    """`ctx.role == ProgramRole.influencer` (or `!=`) only in tenancy/: elsewhere
    tenancy/scope.py's own_only, own_rows and may_see say what a caller sees."""
    wrong = []
    for name, tree in _modules().items():
        if name.startswith("tenancy/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and ast.unparse(node.left) == "ctx.role":
                wrong.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    assert wrong == []


def test_one_module_decides_the_database_differences():
    """Only core/ (dialect.py; the engine setup and migrations) asks which database it is
    on: `.dialect.name`, `get_bind().dialect` and the dialect-specific insert classes."""
    wrong = []
    for name, tree in _modules().items():
        if name.startswith("core/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "dialect":
                wrong.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "sqlalchemy.dialects"
            ):
                wrong.append(f"{name}:{node.lineno} imports {node.module}")
    assert wrong == []


# Who reads another domain's models directly, and why (the rest go through that domain's
# services and public readable(ctx)). The read models answer one question across domains; the
# others hold a relation the domain writes. A new pair fails until it is added here, with why.
ANY = frozenset({"*"})
READS_OTHER_MODELS: dict[str, tuple[frozenset[str], str]] = {
    "kpis": (ANY, "the figures: posts, outcomes, follower counts, questions, modules, meetings, "
             "teams and group periods, aggregated in SQL under the privacy rule"),
    "today": (ANY, "the core team's week: one read per item across the domains"),
    "mydata": (ANY, "everything stored about one person (GDPR Art. 15 and 20)"),
    "erasure": (ANY, "erases or blanks one person's rows in every domain"),
    "demo": (ANY, "writes the demo program's rows"),
    "transparency": (frozenset({"posts", "teams"}), "what HR leadership sees, counted"),
    "influencers": (frozenset({"posts", "teams", "programs"}),
                    "the page per influencer: posts, outcomes, teams and group periods"),
    "inbox": (frozenset({"posts"}), "a request counts as an outcome (posts.Outcome)"),
    "selection": (frozenset({"calls", "posts"}),
                  "confirming a round reads the call's applications"),
    "meetings": (frozenset({"learning", "teams"}), "an audience is a team or a module's learners"),
    "briefings": (frozenset({"files"}), "a briefing's attachments are stored files"),
    "questions": (frozenset({"briefings"}), "a topic becomes a briefing (FAQ or post idea)"),
    "home": (frozenset({"learning"}), "the progress state, an enum of learning"),
    "auth": (frozenset({"jobs"}), "the sign-in jobs"),
}  # fmt: skip


def test_domains_read_other_domains_models_only_where_said():
    found = {}
    for name, tree in _modules().items():
        if "/" not in name:
            continue
        own = name.split("/", 1)[0]
        for module in _imports(tree):
            parts = module.split(".")
            if len(parts) > 2 and parts[0] == "botschaft" and parts[2] == "models":
                other = parts[1]
                if other not in {own, "tenancy", "identity", "core"}:
                    found.setdefault(own, set()).add(other)
    assert {"posts", "followers"} <= found["kpis"], "the checker sees the reads"
    wrong = {
        (own, other)
        for own, others in found.items()
        for other in others
        if own not in READS_OTHER_MODELS
        or not (READS_OTHER_MODELS[own][0] == ANY or other in READS_OTHER_MODELS[own][0])
    }
    assert wrong == set()


def test_every_table_the_figures_read_raises_the_programs_data_version():
    """Cached figures (kpis/cache.py) are right only if every table kpis/ reads is watched by
    tenancy/data_version.py (or computed from watched ones): a new input must be named there."""
    import botschaft.all_models  # noqa: F401  (every mapped class)
    from botschaft.core.database import Base
    from botschaft.tenancy.data_version import DERIVED, FIGURE_INPUTS

    classes = {m.class_.__name__: m.local_table.name for m in Base.registry.mappers}
    read = set()
    for name, tree in _modules().items():
        if not name.startswith("kpis/"):
            continue
        for module in _imports(tree):
            parts = module.split(".")
            if len(parts) == 4 and parts[2] == "models" and parts[3] in classes:
                read.add(classes[parts[3]])
    assert {"posts", "follower_readings", "group_periods"} <= read, "the checker sees the reads"
    assert read - FIGURE_INPUTS - DERIVED == set()
    assert set(classes.values()) >= FIGURE_INPUTS | DERIVED, "every name is a table"
