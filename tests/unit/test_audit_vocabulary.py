"""The audit log speaks in words: every action the backend records has German and English
words, and the SPA's catalog uses the same words (one vocabulary, two copies kept equal)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from botschaft.audit.vocabulary import ACTIONS, TARGETS

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend" / "botschaft"
SPA_LABELS = ROOT / "frontend" / "src" / "i18n" / "labels.ts"


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def recorded_actions() -> set[str]:
    """Dotted string literals passed to `record(...)`/`record_now(...)` (also to a local helper
    of that name), directly, through a conditional expression or a variable named `action`."""
    found: set[str] = set()
    for path in BACKEND.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            local_action: set[str] = set()
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "action" for t in node.targets
                ):
                    local_action |= _strings(node.value)
            for node in ast.walk(function):
                name = getattr(getattr(node, "func", None), "attr", None) or getattr(
                    getattr(node, "func", None), "id", None
                )
                if not isinstance(node, ast.Call) or name not in ("record", "record_now"):
                    continue
                # The action is the second argument, or the first of a local helper.
                for arg in node.args:
                    if isinstance(arg, ast.Name) and arg.id == "action":
                        found |= local_action
                    elif not isinstance(arg, ast.Dict):
                        found |= _strings(arg)
    return {a for a in found if re.fullmatch(r"[a-z_]+\.[a-z_]+", a)}


def spa_words(prefix: str) -> dict[str, tuple[str, str]]:
    """`prefix.code` entries of labels.ts: the German block comes first, then the English."""
    words: dict[str, list[str]] = {}
    pattern = rf'"{re.escape(prefix)}\.([a-z_.]+)":\s*"([^"]*)"'
    for code, word in re.findall(pattern, SPA_LABELS.read_text(encoding="utf-8")):
        words.setdefault(code, []).append(word)
    return {code: (w[0], w[1]) for code, w in words.items() if len(w) == 2}


def test_the_scan_finds_the_actions_it_should():
    found = recorded_actions()
    # Literal, conditional and through a variable: each form is seen.
    assert {"auth.login", "auth.invitation_resent", "auth.invitation_sent"} <= found
    assert {"user.activated", "user.deactivated"} <= found


def test_every_recorded_action_has_words():
    missing = recorded_actions() - ACTIONS.keys()
    assert not missing, f"add German and English words to audit/vocabulary.py: {sorted(missing)}"


def test_the_spa_uses_the_same_words():
    assert spa_words("audit.action") == ACTIONS
    assert spa_words("audit.target") == TARGETS
