"""The extractor stays small functions (issue 9): no function or method in kg/extract above radon's
cyclomatic-complexity grade C. A phrasing belongs in a pattern row, not in another branch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from radon.complexity import cc_rank, cc_visit
from radon.visitors import Class, Function

import kg.extract

EXTRACT = Path(kg.extract.__file__).resolve().parent


def _functions(blocks: Iterable[Function | Class]) -> Iterator[Function]:
    """Every function, method and nested function of radon's blocks."""
    for block in blocks:
        if isinstance(block, Class):
            yield from _functions(block.methods)
            yield from _functions(block.inner_classes)
        else:
            yield block
            yield from _functions(block.closures)


def _graded(source: str) -> list[tuple[str, int, str, int]]:
    """(name, line, grade, complexity) of each function in Python source."""
    return [(f.name, f.lineno, cc_rank(f.complexity), f.complexity) for f in _functions(cc_visit(source))]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_extractor_has_modules_to_grade() -> None:
    sources = sorted(EXTRACT.rglob("*.py"))
    assert EXTRACT / "people.py" in sources and EXTRACT / "patterns" / "__init__.py" in sources
    assert any(_graded(_read(path)) for path in sources)


def test_no_function_in_kg_extract_above_grade_c() -> None:
    too_complex = [f"{path.relative_to(EXTRACT.parent)}:{line} {name} {grade} ({score})"
                   for path in sorted(EXTRACT.rglob("*.py"))
                   for name, line, grade, score in _graded(_read(path)) if grade not in "ABC"]
    assert not too_complex, "split these into small named functions or pattern rows:\n" + "\n".join(too_complex)


def _branches(indent: str) -> str:
    return "".join(f"{indent}if x == {i}:\n{indent}    return {i}\n" for i in range(25))


def test_the_grade_is_read_from_the_code() -> None:
    """The check sees branches of methods and nested functions (so a passing run means the code is simple)."""
    source = (f"class A:\n    def m(self, x):\n{_branches(' ' * 8)}        return -1\n\n\n"
              f"def g():\n    def inner(x):\n{_branches(' ' * 8)}        return -1\n    return inner\n")
    assert {(name, grade) for name, _, grade, _ in _graded(source)} == {("m", "D"), ("g", "A"), ("inner", "D")}
