"""`cablegram.edition` builds the same edition as `cablegram edition` (issue 13), file for file
and byte for byte, and refuses what the command line refuses."""

import os
import subprocess
from pathlib import Path

import pytest

import cablegram

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "golden"
CORPUS = ROOT.parent / "shared" / "corpus" / "chillicoder__cablegate"
CLI = Path(os.environ.get("CABLEGRAM_CLI", ROOT / "target" / "ci" / "cablegram"))


def files(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("kind", ["html", "tei", "markdown"])
def test_the_same_edition_as_the_command_line(tmp_path, kind, monkeypatch):
    # Relative inputs, as a user gives them: both record them as given.
    monkeypatch.chdir(ROOT)
    inputs = ["golden", os.path.relpath(CORPUS, ROOT)]
    summary = cablegram.edition(inputs, kind, tmp_path / "py")
    run = subprocess.run(
        [str(CLI), "edition", "--to", kind, "--out-dir", str(tmp_path / "cli"), *inputs],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    py, cli = files(tmp_path / "py"), files(tmp_path / "cli")
    assert py.keys() == cli.keys()
    assert py == cli
    assert summary["files"] == len(py)
    assert summary["unreadable"] == 0
    assert summary["sources"] >= summary["cables"] > 200
    notes = [n for n in summary["notes"] if n["code"] == "C0701"]
    assert len(notes) == run.stderr.count("warning[C0701]")


def test_a_directory_that_is_not_an_edition_is_never_replaced(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(cablegram.CableError, match="not an edition"):
        cablegram.edition(GOLDEN, "html", mine)
    assert (mine / "notes.txt").read_text() == "mine"


def test_unknown_kinds_and_missing_inputs_are_errors(tmp_path):
    with pytest.raises(ValueError, match="no edition writer"):
        cablegram.edition(GOLDEN, "pdf", tmp_path / "x")
    with pytest.raises(FileNotFoundError):
        cablegram.edition(tmp_path / "missing", "html", tmp_path / "x")
