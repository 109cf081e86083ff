import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import cablegram

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "golden"
CORPUS = ROOT.parent / "shared" / "corpus"
CLI = Path(os.environ.get("CABLEGRAM_CLI", ROOT / "target" / "ci" / "cablegram"))
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus is not on this machine")


def cli(*args, stdin=None):
    return subprocess.run([str(CLI), *map(str, args)], capture_output=True, input=stdin)


def cli_json_lines(inputs):
    out = cli("convert", "--to", "json", "--compact", "-q", *inputs).stdout
    return [json.loads(line) for line in out.splitlines()]


def cli_records(*inputs, stdin=None):
    """`cablegram validate --format json --verbose`: every diagnostic, notes included."""
    out = cli("validate", "--format", "json", "--verbose", "-q", *inputs, stdin=stdin).stdout
    return [json.loads(line) for line in out.splitlines()]


def as_records(diagnostics):
    return [dataclasses.asdict(d) for d in diagnostics]


def compare(inputs, **kwargs):
    expected = cli_json_lines(inputs)
    got = [c.to_dict() for c in cablegram.read(inputs, errors="skip", **kwargs)]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g == e


# The model equals the command line's JSON.


def test_golden_equals_cli():
    compare([GOLDEN])


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_golden_equals_cli_on_any_number_of_threads(jobs):
    compare([GOLDEN], jobs=jobs)


@needs_corpus
def test_corpus_equals_cli():
    compare([CORPUS])


@needs_corpus
def test_corpus_equals_cli_on_one_thread():
    compare([CORPUS / "tathagata__reveal"], jobs=1)


def test_inputs_in_the_order_given():
    files = sorted(GOLDEN.glob("*.txt"))[:6]
    order = [files[3], files[0], GOLDEN, files[5]]
    assert [c.name for c in cablegram.read(order)] == [
        c.name for c in cablegram.read(order, jobs=1)
    ]
    compare(order)


# Attributes.


def test_parse_attributes():
    text = (GOLDEN / "02-full-routing-header.txt").read_text()
    cable = cablegram.parse(text)
    d = cable.to_dict()
    assert cable.id == d["id"] == "07VILNIUS874"
    assert cable.classification.level == d["classification"]["level"]
    assert cable.datetime == dt.datetime(2007, 9, 11, 9, 44, tzinfo=dt.timezone.utc)
    assert cable.datetime.tzinfo is not None
    assert cable.references[0].text == d["references"][0]["text"]
    assert cable.from_ == getattr(cable, "from") == d["from"]
    assert cable.sender == d["from"]["addressee"] == "AMEMBASSY VILNIUS"
    assert cable.to[0].routing == d["to"][0]["routing"]
    assert isinstance(cable.to[0], cablegram.Addressee)
    assert cable.schema_version == d["schema_version"]
    assert cablegram.parse(text.encode()).to_dict() == d
    with pytest.raises(AttributeError):
        cable.no_such_field


SCALARS = [
    "id", "station", "serial", "partial", "to", "info", "tags", "tags_normalized", "datetime_source", "id_source", "subject", "subject_marking",
    "classified_by", "classified_by_name", "reasons", "signers", "classification", "references", "section",
    "executive_order", "paragraphs", "header", "body", "source",
]


def test_every_attribute_equals_the_json_model():
    for cable in cablegram.read(GOLDEN):
        d = cable.to_dict()
        for name in SCALARS:
            assert getattr(cable, name) == d[name], (cable.name, name)
        assert cable.from_ == d["from"]
        assert cable.sender == (d["from"] or {}).get("addressee")
        if d["datetime"] is None:
            assert cable.datetime is None
        else:
            assert cable.datetime.tzinfo is not None
            if len(d["datetime"]) == 10:  # a day without a time: midnight UTC
                assert cable.datetime.isoformat() == d["datetime"] + "T00:00:00+00:00"
            else:
                assert cable.datetime.isoformat().replace("+00:00", "Z") == d["datetime"]
        assert [(x.code, x.severity, x.message, x.hint) for x in cable.diagnostics] == [
            (x["code"], x["severity"], x["message"], x["hint"]) for x in d["diagnostics"]
        ]


def test_bad_bytes_do_not_raise_unicode_error():
    cable = cablegram.parse(b"SUBJECT: caf\xe9 \xff\xfe\n\n1. text\n")
    assert isinstance(cable.to_dict(), dict)
    # A str with a lone surrogate (as from a file read with errors="surrogateescape").
    cable = cablegram.parse("SUBJECT: caf\udce9\n\n1. text\n")
    assert cable.subject.startswith("caf")
    assert isinstance(cablegram.validate(b"\xff\xfe\x00garbage\x81"), list)


def test_bad_bytes_in_files_as_the_cli(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(
        b"UNCLAS STATE 12\n\nSUBJECT: CAF\xc9 \xff\n\n1. Caf\xe9 text.\n"
    )
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    compare([tmp_path])
    with pytest.raises(cablegram.CableError):
        list(cablegram.read(tmp_path / "binary.txt"))


def test_converters():
    cable = next(cablegram.read(GOLDEN))
    assert json.loads(cable.to_json()) == cable.to_dict()
    assert cable.to_tei().lstrip().startswith("<")
    assert "<html" in cable.to_html().lower()
    assert "<html" not in cable._repr_html_().lower()
    assert cable.to_markdown()
    assert cable.convert("markdown") == cable.to_markdown()
    assert set(["json", "markdown", "tei", "html"]) <= set(cablegram.formats())
    with pytest.raises(ValueError):
        cable.convert("no-such-format")


def test_missing_path():
    with pytest.raises(FileNotFoundError):
        list(cablegram.read(ROOT / "no-such-file"))
    with pytest.raises(FileNotFoundError):
        cablegram.validate(ROOT / "no-such-file")
    with pytest.raises(FileNotFoundError):
        cablegram.to_dataframe(ROOT / "no-such-file")


def test_bad_container():
    with pytest.raises(ValueError):
        cablegram.parse("x", container="nonsense")
    with pytest.raises(ValueError):
        cablegram.read(GOLDEN, container="nonsense")


def test_bad_arguments():
    for jobs in (0, -1, "2", 1.5, True):
        with pytest.raises(ValueError):
            cablegram.read(GOLDEN, jobs=jobs)
    with pytest.raises(ValueError):
        cablegram.read(GOLDEN, errors="ignore")
    with pytest.raises(TypeError):
        cablegram.validate(12)
    with pytest.raises(TypeError):
        cablegram.parse(12)


def test_blank_input_is_refused_as_the_cli(tmp_path):
    (tmp_path / "a.txt").write_text("UNCLAS STATE 1\n\n1. Text.\n")
    (tmp_path / "b.txt").write_text("  \n\n")
    (tmp_path / "c.txt").write_text("UNCLAS STATE 3\n\n1. Text.\n")
    with pytest.raises(cablegram.CableError, match="empty or blank"):
        list(cablegram.read(tmp_path))
    assert [c.serial for c in cablegram.read(tmp_path, errors="skip")] == [1, 3]
    with pytest.raises(cablegram.CableError):
        cablegram.parse("   \n")


# Streaming, threads.


def test_read_is_lazy_and_can_be_abandoned(tmp_path):
    for i in range(600):
        (tmp_path / f"{i:04}.txt").write_text(f"UNCLAS STATE {i}\n\n1. Text {i}.\n")
    start = time.perf_counter()
    for jobs in (None, 1):
        stream = cablegram.read(tmp_path, jobs=jobs)
        assert next(stream).serial == 0
        assert next(stream).serial == 1
        stream.close()
    assert time.perf_counter() - start < 30
    assert [c.serial for c in cablegram.read(tmp_path, jobs=2)] == list(range(600))


def test_read_releases_the_gil():
    # Another Python thread runs while the reader waits for the workers.
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        n = sum(1 for _ in cablegram.read([GOLDEN] * 4))
    finally:
        stop.set()
        thread.join()
    assert n == 4 * len(list(cablegram.read(GOLDEN)))
    assert ticks


# validate


def test_validate_golden_equals_cli():
    assert as_records(cablegram.validate(GOLDEN)) == cli_records(GOLDEN)
    assert as_records(cablegram.validate(str(GOLDEN), jobs=1)) == cli_records(GOLDEN)


def test_validate_each_golden_file_equals_cli():
    for path in sorted(GOLDEN.glob("*.txt")):
        expected = cli_records(path)
        assert as_records(cablegram.validate(path)) == expected
        assert as_records(cablegram.validate(str(path))) == expected
        # Text is read as standard input is.
        text = path.read_bytes()
        assert as_records(cablegram.validate(text)) == cli_records("-", stdin=text)


@needs_corpus
def test_validate_corpus_equals_cli():
    assert as_records(cablegram.validate(CORPUS, errors="skip")) == cli_records(CORPUS)


def test_validate_text_or_path():
    text = (GOLDEN / "21-truncated.txt").read_text()
    by_text = cablegram.validate(text)
    assert by_text and all(d.file == "<stdin>" for d in by_text)
    by_path = cablegram.validate(str(GOLDEN / "21-truncated.txt"))
    assert [d.code for d in by_path] == [d.code for d in by_text]
    assert all(d.file.endswith("21-truncated.txt") for d in by_path)
    # A str that names no file is text: one word is no cable.
    assert [d.code for d in cablegram.validate("no-such-file.txt")] == ["C0001"]
    # A list holds paths.
    assert cablegram.validate([GOLDEN / "21-truncated.txt"]) == by_path
    d = by_path[0]
    assert isinstance(d, cablegram.Diagnostic)
    assert d.severity in ("error", "warning", "info")
    assert d.line >= 1 and d.column >= 1
    assert isinstance(d.message, str) and d.code.startswith("C")


def test_validate_empty_text():
    assert [d.code for d in cablegram.validate("")] == ["C0000"]


def test_validate_unreadable_input(tmp_path):
    (tmp_path / "a.txt").write_text("UNCLAS STATE 1\n\n1. Text.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    with pytest.raises(cablegram.CableError, match="binary"):
        cablegram.validate(tmp_path)
    assert as_records(cablegram.validate(tmp_path, errors="skip")) == cli_records(tmp_path)


# Size limits.


def test_text_over_the_parser_limit(tmp_path):
    text = "UNCLAS STATE 1\n\n1. " + "x" * cablegram.MAX_CABLE_BYTES + "\n"
    path = tmp_path / "big.txt"
    path.write_text(text)
    with pytest.raises(cablegram.CableError, match="C0003"):
        cablegram.parse(text)
    with pytest.raises(cablegram.CableError, match="more than the"):
        list(cablegram.read(path))
    assert list(cablegram.read(path, errors="skip")) == []
    # validate reports it as the command line does, with the crate's C0003 diagnostic.
    found = cablegram.validate(path)
    assert [d.code for d in found] == ["C0003"]
    assert as_records(found) == cli_records(path)
    assert [d.code for d in cablegram.validate(text)] == ["C0003"]
    # The command line refuses to convert it too.
    assert cli_json_lines([path]) == []


def test_input_over_the_reader_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write(b"UNCLAS STATE 1\n\n1. Text.\n")
        f.truncate(cablegram.MAX_INPUT_BYTES + 1)
    message = cli("convert", "--to", "json", path).stderr.decode()
    assert "larger than the limit" in message
    with pytest.raises(cablegram.CableError, match="larger than the limit"):
        list(cablegram.read(path))
    with pytest.raises(cablegram.CableError, match="larger than the limit"):
        cablegram.validate(path)
    assert cablegram.validate(path, errors="skip") == []
    with pytest.raises(cablegram.CableError, match="larger than the limit"):
        cablegram.parse(b"x" * (cablegram.MAX_INPUT_BYTES + 1))


# to_dataframe


def test_dataframe():
    pd = pytest.importorskip("pandas")
    df = cablegram.to_dataframe(GOLDEN)
    cables = list(cablegram.read(GOLDEN))
    assert len(df) == len(cables)
    assert list(df.columns) == list(cablegram.DATAFRAME_COLUMNS)
    assert list(df["id"]) == [c.id for c in cables]
    assert list(df["subject"]) == [c.subject for c in cables]
    assert list(df["tags"]) == [c.tags for c in cables]
    assert list(df["classification"]) == [
        c.classification.level if c.classification else None for c in cables
    ]
    assert list(df["paragraphs"]) == [len(c.paragraphs) for c in cables]
    assert str(df["datetime"].dt.tz) == "UTC"
    for value, cable in zip(df["datetime"], cables):
        if cable.datetime is None:
            assert pd.isna(value)
        else:
            assert value.to_pydatetime() == cable.datetime
    serials = [None if pd.isna(s) else int(s) for s in df["serial"]]
    assert serials == [c.serial for c in cables]
    worst = {"info": 0, "warning": 1, "error": 2}
    for value, cable in zip(df["worst_severity"], cables):
        levels = [d.severity for d in cable.diagnostics]
        assert value == (max(levels, key=worst.get) if levels else None)


def test_dataframe_columns():
    pytest.importorskip("pandas")
    df = cablegram.to_dataframe([GOLDEN / "02-full-routing-header.txt"], columns=["tags", "id"])
    assert list(df.columns) == ["tags", "id"]
    assert df["id"][0] == "07VILNIUS874"
    with pytest.raises(ValueError, match="unknown columns"):
        cablegram.to_dataframe(GOLDEN, columns=["id", "nonsense"])
    assert len(cablegram.to_dataframe(GOLDEN, columns=["id"], jobs=1)) == len(
        list(cablegram.read(GOLDEN))
    )


def test_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas.*pip install pandas"):
        cablegram.to_dataframe(GOLDEN)


# Types


def test_stubs_match_the_module():
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "cablegram"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_stubs_type_a_user_program(tmp_path):
    pytest.importorskip("mypy")
    program = tmp_path / "use.py"
    program.write_text(
        "import datetime\n"
        "from typing import Optional\n"
        "import cablegram\n"
        "c = cablegram.parse('UNCLAS STATE 1')\n"
        "when: Optional[datetime.datetime] = c.datetime\n"
        "level: str = c.classification.level if c.classification else ''\n"
        "n: int = len(c.paragraphs) + len(c.tags)\n"
        "codes: list[str] = [d.code for d in cablegram.validate('x')]\n"
        "for cable in cablegram.read(['a', 'b'], jobs=1):\n"
        "    ident: Optional[str] = cable.id\n"
        "bad: int = c.subject\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(program)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    # The one deliberate error, and nothing else.
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and ":11:" in errors[0], out.stdout


def test_memory_stays_flat():
    # Peak memory of a run over ten times the inputs is (about) that of one over the inputs.
    program = (
        "import resource, sys, cablegram\n"
        "n = sum(1 for c in cablegram.read([sys.argv[1]] * int(sys.argv[2])) if c.id or 1)\n"
        "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )

    def peak(times):
        out = subprocess.run(
            [sys.executable, "-c", program, str(GOLDEN), str(times)],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        return int(out[0]), int(out[1])

    n1, small = peak(20)
    n10, large = peak(200)
    assert n10 == 10 * n1
    assert large < small + 16 * 1024, (small, large)  # kilobytes
