import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cablegram

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "golden"
CORPUS = ROOT.parent / "shared" / "corpus"
CLI = Path(os.environ.get("CABLEGRAM_CLI", ROOT / "target" / "ci" / "cablegram"))


def cli_json_lines(inputs):
    out = subprocess.run(
        [str(CLI), "convert", "--to", "json", "--compact", "-q", *map(str, inputs)],
        capture_output=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def compare(inputs):
    expected = cli_json_lines(inputs)
    got = [c.to_dict() for c in cablegram.read(inputs, errors="skip")]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g == e


def test_golden_equals_cli():
    compare([GOLDEN])


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not on this machine")
def test_corpus_equals_cli():
    compare([CORPUS])


def test_parse_attributes():
    text = (GOLDEN / "02-full-routing-header.txt").read_text()
    cable = cablegram.parse(text)
    d = cable.to_dict()
    assert cable.id == d["id"]
    assert cable.classification.level == d["classification"]["level"]
    if cable.datetime is not None:
        assert cable.datetime.tzinfo is not None
    assert cablegram.parse(text.encode()).to_dict() == d


def test_bad_bytes_do_not_raise_unicode_error():
    cable = cablegram.parse(b"SUBJECT: caf\xe9 \xff\xfe\n\n1. text\n")
    assert isinstance(cable.to_dict(), dict)


def test_converters():
    cable = next(cablegram.read(GOLDEN))
    assert json.loads(cable.to_json()) == cable.to_dict()
    assert cable.to_tei().lstrip().startswith("<")
    assert "<html" in cable.to_html().lower()
    assert "<html" not in cable._repr_html_().lower()
    assert cable.to_markdown()
    assert set(["json", "markdown", "tei", "html"]) <= set(cablegram.formats())


def test_missing_path():
    with pytest.raises(FileNotFoundError):
        list(cablegram.read(ROOT / "no-such-file"))


def test_bad_container():
    with pytest.raises(ValueError):
        cablegram.parse("x", container="nonsense")
