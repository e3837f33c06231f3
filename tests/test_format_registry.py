"""The one format registry (kg/formats.py) that kg query, kg export and kg viz share."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import formats as registry
from kg.analytics import export
from kg.cli.entry import main
from kg.query import formats as query_formats
from kg.rdf.syntax import rdf_format


@pytest.mark.parametrize("fmt", registry.FORMATS, ids=lambda f: f.name)
def test_every_format_has_a_writer_and_extensions(fmt: registry.Format) -> None:
    assert callable(fmt.load_writer())
    assert fmt.extensions and all(e.startswith(".") for e in fmt.extensions)
    assert fmt.media_type
    if fmt.kind is registry.Kind.RDF:
        assert rdf_format(fmt.name).media_type == fmt.media_type


def test_names_are_unique() -> None:
    assert len(registry.BY_NAME) == len(registry.FORMATS)


def test_commands_offer_what_the_registry_says() -> None:
    assert registry.names(registry.QUERY_FORMATS) == query_formats.FORMATS
    assert registry.names(registry.EXPORT_FORMATS) == export.FORMATS
    # kg query writes the triples of CONSTRUCT: no quad-only syntax; kg export writes the whole dataset.
    assert "nq" not in query_formats.FORMATS and {"nq", "trig", "graphml"} <= set(export.FORMATS)


@pytest.mark.parametrize("name, expected", [
    ("a.csv", "csv"), ("a.TSV", "tsv"), ("a.srj", "json"), ("a.ttl", "ttl"), ("a.txt", "table"), ("a.nq", None),
])
def test_query_takes_its_format_from_the_extension(name: str, expected: str | None) -> None:
    assert query_formats.format_for_path(Path(name)) == expected


def test_viz_refuses_to_write_html_under_another_formats_name(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "g.graphml"
    assert main(["viz", "--kg", str(tmp_path), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"Error: kg viz writes an HTML page, not graphml: name the file .html; for graphml use kg export graphml "
        f"-o {target}\n")
    assert not target.exists()
