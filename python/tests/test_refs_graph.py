"""`cablegram refs` graphs open in networkx, the network library of Python (issue 13): GraphML
and GEXF of real cables, with the cable's metadata as node attributes and one edge per REF item
that cites a cable, as the CSV edge list has them."""

import csv
import io
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "tathagata__reveal"
CLI = Path(os.environ.get("CABLEGRAM_CLI", ROOT / "target" / "ci" / "cablegram"))


def refs(*args):
    run = subprocess.run([str(CLI), "refs", "-q", *map(str, args)], capture_output=True)
    assert run.returncode in (0, 1), run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def edges():
    rows = list(csv.DictReader(io.StringIO(refs(CORPUS).decode())))
    assert len(rows) > 1000
    return [r for r in rows if r["citing"] and r["cited"]]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not on this machine")
@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_reads_the_graph(tmp_path, edges, fmt, read):
    path = tmp_path / f"refs.{fmt}"
    path.write_bytes(refs("--format", fmt, CORPUS))
    graph = read(path)
    assert graph.is_directed()
    assert graph.number_of_edges() == len(edges)
    for row in edges[:200]:
        assert graph.has_edge(row["citing"], row["cited"]), row
    inputs = [n for n, a in graph.nodes(data=True) if a.get("in_inputs") in (True, "true")]
    assert len(inputs) > 1000
    sample = graph.nodes[inputs[0]]
    assert sample.get("station") and sample.get("classification"), sample
    cited_only = [n for n, a in graph.nodes(data=True) if a.get("in_inputs") in (False, "false")]
    assert cited_only and all("station" not in graph.nodes[n] for n in cited_only[:50])
