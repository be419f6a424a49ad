"""Every document of the shared corpora extracts cleanly and its graph obeys the shapes."""

from __future__ import annotations

import pytest

from conftest import SHARED
from kg.archive.ingest import extract_graphs
from kg.archive.validate import validate_graph


@pytest.mark.parametrize("folder", ["seed", "dev", "bench"])
def test_corpus_validation_every_graph_conforms(folder):
    files = sorted((SHARED / "corpus" / folder).glob("*.txt"))
    assert files, f"no texts in {folder}"
    failures, checked = [], 0
    for path, graph in extract_graphs(files, workers=2):
        assert not isinstance(graph, Exception), f"{path}: {graph}"
        report = validate_graph(graph)
        checked += 1
        if not report.conforms:
            failures.append(report.text())
    assert checked == len(files)
    assert not failures, "\n\n".join(failures[:5])
