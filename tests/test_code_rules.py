"""Rules on the code itself that keep a class of bug from coming back.

spaCy makes a new `Token` (and `Span`) object on every access, so `a is b`
between tokens is always False and `a is not b` always True: loops walking up
the parse (`while token.head is not token`) never end and attribution branches
never fire. So in generator/ `is` / `is not` may only compare with None, True,
False, Ellipsis or one of the sentinels below; everything else compares values
(`token.i == other.i`, or positions in a list for objects of our own).
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# Objects that are compared by identity on purpose, as their source text.
SENTINELS = frozenset({
    "_ABSENT",  # the store's "field not there" marker
    "yaml.ScalarNode",  # PyYAML node classes, checked against type(node)
    "yaml.SequenceNode",
    "_ALIAS",  # PyYAML event classes (store._yaml), checked against type(event)
    "_SCALAR",
    "threading.main_thread()",  # the one main thread of the process
})



def _allowed_side(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and (node.value is None or node.value is True
                                           or node.value is False or node.value is ...):
        return True
    return ast.unparse(node) in SENTINELS


def _is_type_call(node: ast.expr) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "type" and len(node.args) == 1)


def identity_comparisons(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, source text) of every `is` / `is not` the rule forbids in `source`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.Is, ast.IsNot)) and not (
                _allowed_side(left) or _allowed_side(right)
                or _is_type_call(left) and _is_type_call(right)  # `type(a) is type(b)`
            ):
                word = "is" if isinstance(op, ast.Is) else "is not"
                found.append((node.lineno, f"{ast.unparse(left)} {word} {ast.unparse(right)}"))
            left = right
    return found


def test_no_identity_comparisons_outside_none_true_false_and_sentinels():
    files = sorted(GENERATOR.rglob("*.py"))
    assert len(files) > 20, f"found only {len(files)} Python files under {GENERATOR}"
    problems = []
    for path in files:
        relative = path.relative_to(GENERATOR).as_posix()
        for line, text in identity_comparisons(path.read_text(encoding="utf-8"), str(path)):
            problems.append(f"generator/{relative}:{line}: `{text}`")
    assert not problems, (
        "identity comparisons that are always False/True for spaCy tokens and spans "
        "(a new object on every access):\n  " + "\n  ".join(problems)
        + "\ncompare `.i` for tokens (`a.i == b.i`), `.start`/`.end` for spans, or positions "
        "in a list for other objects; `is` is only for None, True, False and the sentinels "
        "in tests/test_code_rules.py"
    )


def test_the_rule_catches_token_identity_and_allows_none_and_sentinels():
    source = (
        "while token.head is not token:\n    pass\n"
        "if current is verb or x is None or y is not True or v is _ABSENT:\n    pass\n"
        "ok = type(a) is type(b)\n"
        "nested = [t for t in ts if t is not root]\n"
    )
    assert identity_comparisons(source, "sample.py") == [
        (1, "token.head is not token"),
        (3, "current is verb"),
        (6, "t is not root"),
    ]
