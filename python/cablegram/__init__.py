"""cablegram: read, validate and publish US diplomatic cables (the Rust crate, from Python).

The grammar, the model, the containers, the diagnostics and the converters are the crate's own;
the command line and this package give the same cables, field for field.
"""

from __future__ import annotations

import dataclasses as _dataclasses
import datetime as _dt
import json as _json
import os as _os
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from . import _native
from ._native import CableError

__all__ = [
    "Addressee",
    "Cable",
    "CableError",
    "Classification",
    "ExecutiveOrder",
    "Paragraph",
    "Record",
    "Reference",
    "Section",
    "Source",
    "Diagnostic",
    "DATAFRAME_COLUMNS",
    "edition",
    "MAX_CABLE_BYTES",
    "MAX_INPUT_BYTES",
    "formats",
    "parse",
    "read",
    "to_dataframe",
    "validate",
]

#: The largest cable text the parser accepts; a longer one is refused (diagnostic ``C0003``).
MAX_CABLE_BYTES: int = _native.max_cable_bytes()
#: The largest input (a file, one record of a ``cables.csv`` or JSON dump) that is read at all.
MAX_INPUT_BYTES: int = _native.max_input_bytes()


def _aware(value: Optional[str]) -> Optional[_dt.datetime]:
    """The model's ISO 8601 UTC string as a timezone-aware datetime (``None`` stays ``None``).

    A date without a time (a container that gives only the day) is midnight UTC of that day.
    """
    if value is None:
        return None
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    parsed = _dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


def _record(value: Any, kind: Optional[type] = None) -> Any:
    if isinstance(value, dict):
        return (kind or Record)(value)
    if isinstance(value, list):
        return [_record(v, kind) for v in value]
    return value


class Record(dict):
    """A nested object of the model (a dict of the JSON model), its keys also attributes."""

    def __init__(self, value: dict) -> None:
        super().__init__((k, _record(v)) for k, v in value.items())

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Addressee(Record):
    """A sender or addressee: ``routing`` (``"RUEHC"``), ``addressee`` (``"SECSTATE WASHDC"``),
    ``precedence`` (``"IMMEDIATE"``), ``serial`` (2621) and ``text`` as written."""


class Classification(Record):
    """``level`` (``"SECRET"``), ``text`` as written, ``caveats`` (``["NOFORN", "SIPDIS"]``)."""


class Reference(Record):
    """A REF entry: ``label`` (``"A"``, or ``None``) and ``text``."""


class Section(Record):
    """``SECTION number OF total``."""


class ExecutiveOrder(Record):
    """``order`` (``"12958"``), ``text`` as written, ``declassify_on`` (ISO date or ``None``)."""


class Paragraph(Record):
    """``number``, ``label``, ``marking``, ``text``, ``roles``, ``markers``, ``span``."""


class Source(Record):
    """Where the cable was read from: ``path``, ``container``, ``index``, ``metadata``, ``encoding``."""


@_dataclasses.dataclass(frozen=True)
class Diagnostic:
    """A departure of a cable's text from the grammar, as ``cablegram validate`` reports it.

    The fields are those of the command line's JSON records (``validate --format json``):
    ``code`` (``"C0103"``), ``severity`` (``"error"``, ``"warning"`` or ``"info"``),
    ``message``, 1-based ``line`` and ``column``, ``hint`` (or ``None``), and ``file`` (the
    cable's path, with ``[row]`` in a container of many cables; ``<stdin>`` for text) and the
    cable's ``id`` (or ``None``).
    """

    code: str
    severity: str
    message: str
    line: int
    column: int
    hint: Optional[str]
    file: str
    id: Optional[str]

    @classmethod
    def _from_native(cls, r: tuple) -> "Diagnostic":
        file, line, column, code, severity, message, hint, id = r
        return cls(code, severity, message, line, column, hint, file, id)


class Cable:
    """One cable: the model's fields as attributes.

    The scalar fields and lists of strings are read from the Rust model directly; the nested
    ones (``classification``, ``references``, ``paragraphs``, ``section``, …) come from
    :meth:`to_dict`, the JSON model, as objects whose keys are also attributes. ``from`` is a
    keyword in Python: read it as ``cable.from_``; ``cable.sender`` is its name alone.
    """

    __slots__ = ("_native", "_dict")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._dict: Optional[dict] = None

    # The model's fields.
    @property
    def id(self) -> Optional[str]:
        return self._native.id

    @property
    def station(self) -> Optional[str]:
        return self._native.station

    @property
    def serial(self) -> Optional[int]:
        return self._native.serial

    @property
    def partial(self) -> bool:
        return self._native.partial

    @property
    def datetime(self) -> Optional[_dt.datetime]:
        return _aware(self._native.datetime)

    @property
    def from_(self) -> Optional[Addressee]:
        return self._field("from", Addressee)

    @property
    def sender(self) -> Optional[str]:
        """The sender's name (``"AMEMBASSY BERLIN"``), as ``from_.addressee``."""
        return self._native.sender

    @property
    def to(self) -> list:
        return self._field("to", Addressee)

    @property
    def info(self) -> list:
        return self._field("info", Addressee)

    @property
    def tags(self) -> list:
        return self._native.tags

    @property
    def tags_normalized(self) -> list:
        """The TAGS upper-cased, each once, in written order."""
        return self._native.tags_normalized

    @property
    def datetime_source(self) -> Optional[str]:
        """Where ``datetime`` came from: ``"text"`` or ``"container"``."""
        return self._native.datetime_source

    @property
    def id_source(self) -> Optional[str]:
        """Where ``id`` came from: ``"text"``, ``"container"`` or ``"file_name"``."""
        return self._native.id_source

    @property
    def subject(self) -> Optional[str]:
        return self._native.subject

    @property
    def subject_marking(self) -> Optional[str]:
        return self._native.subject_marking

    @property
    def classified_by(self) -> Optional[str]:
        return self._native.classified_by

    @property
    def classified_by_name(self) -> Optional[str]:
        """The person of ``classified_by``, without the office before or after the name."""
        return self._native.classified_by_name

    @property
    def reasons(self) -> Optional[str]:
        return self._native.reasons

    @property
    def signers(self) -> list:
        return self._native.signers

    @property
    def classification(self) -> Optional[Classification]:
        return self._field("classification", Classification)

    @property
    def references(self) -> list:
        return self._field("references", Reference)

    @property
    def section(self) -> Optional[Section]:
        return self._field("section", Section)

    @property
    def executive_order(self) -> Optional[ExecutiveOrder]:
        return self._field("executive_order", ExecutiveOrder)

    @property
    def paragraphs(self) -> list:
        return self._field("paragraphs", Paragraph)

    @property
    def header(self) -> list:
        return self._field("header")

    @property
    def body(self) -> list:
        return self._field("body")

    @property
    def source(self) -> Optional[Source]:
        return self._field("source", Source)

    @property
    def diagnostics(self) -> list:
        """Every diagnostic of the cable, notes (``info``) included."""
        return [Diagnostic._from_native(r) for r in self._native.records()]

    @property
    def name(self) -> str:
        """The name the command line shows the cable under (its path, ``[row]`` in a CSV)."""
        return self._native.name

    def _field(self, name: str, kind: Optional[type] = None) -> Any:
        return _record(self.to_dict()[name], kind)

    # The converters.
    def to_json(self) -> str:
        return self._native.convert("json").rstrip("\n")

    def to_dict(self) -> dict:
        """The JSON model (``schema/cable.schema.json``), as ``cablegram convert --to json``."""
        if self._dict is None:
            self._dict = _json.loads(self.to_json())
        return self._dict

    def to_markdown(self) -> str:
        return self._native.convert("markdown")

    def to_tei(self) -> str:
        return self._native.convert("tei")

    def to_html(self, fragment: bool = False) -> str:
        return self._native.convert("html", fragment=fragment)

    def convert(self, format: str, *, fragment: bool = False) -> str:
        """The cable through any converter registered in Rust (see :func:`formats`)."""
        return self._native.convert(format, fragment=fragment)

    def _repr_html_(self) -> str:
        return self.to_html(fragment=True)

    def __getattr__(self, name: str) -> Any:
        # The rest of the JSON model: `schema_version`, and `from` through getattr().
        if name.startswith("_"):
            raise AttributeError(name)
        d = self.to_dict()
        if name not in d:
            raise AttributeError(name)
        return _record(d[name])

    def __repr__(self) -> str:
        return f"<Cable {self.id!r}>"


PathLike = Union[str, bytes, "_os.PathLike[str]", "_os.PathLike[bytes]"]


def _paths(paths: Any) -> list:
    if isinstance(paths, (str, bytes, _os.PathLike)):
        paths = [paths]
    return [_os.fsdecode(p) for p in paths]


def _jobs(jobs: Optional[int]) -> int:
    if jobs is None:
        return 0
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive number of threads or None, not {jobs!r}")
    return jobs


def _errors(errors: str) -> bool:
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    return errors == "skip"


def parse(text: Union[str, bytes], *, container: str = "auto") -> Cable:
    """Parses one cable held in memory; bytes are decoded as the command line decodes them.

    An input that gives no cable (empty or blank, a text over :data:`MAX_CABLE_BYTES`, a
    container without cable text) raises :class:`CableError`, as ``cablegram convert`` refuses it.
    A container of many cables (``container="csv"``) gives its first.
    """
    cables = _native.parse(text, container=container)
    if not cables:
        raise CableError("no cable found in the input")
    return Cable(cables[0])


def read(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> Iterator[Cable]:
    """The cables of files, directories, ``cables.csv`` and JSON dumps, streamed in input order.

    The inputs are read and parsed by the crate's batch scheduler on ``jobs`` threads (``None``:
    one per core) with the GIL released; a bounded number of cables is parsed ahead, so memory
    stays flat however large the input. A path that does not exist raises FileNotFoundError at
    once. An input that cannot be read, or gives no cable (empty, or over the size limit), raises
    :class:`CableError` when its turn comes (``errors="raise"``), or is passed over
    (``errors="skip"``, as the command line reports it and goes on).
    """
    skip = _errors(errors)
    reader = _native.read(_paths(paths), container=container, jobs=_jobs(jobs))
    return _stream(reader, skip)


def _stream(reader: Any, skip: bool) -> Iterator[Cable]:
    try:
        while True:
            try:
                native = next(reader)
            except StopIteration:
                return
            except CableError:
                if not skip:
                    raise
                continue
            yield Cable(native)
    finally:
        reader.close()


def _is_path(value: Any) -> bool:
    if isinstance(value, _os.PathLike):
        return True
    if isinstance(value, str):
        # A str is a path when it names an existing file or directory; a cable's text has
        # line breaks and is never taken for a path.
        return "\n" not in value and len(value) < 4096 and _os.path.exists(value)
    return False


def validate(
    text_or_path: Union[str, bytes, "_os.PathLike[str]", "_os.PathLike[bytes]", Sequence[Any]],
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> list:
    """The diagnostics of a cable (or of every cable of an input), as ``cablegram validate``.

    What is checked:

    - ``bytes`` (or ``bytearray``) is always text, decoded as the command line decodes it;
    - an ``os.PathLike`` (``pathlib.Path``) is always a path (FileNotFoundError if missing);
    - a ``str`` is a path when it names an existing file or directory, and text otherwise;
    - a list or tuple holds paths.

    Every diagnostic is returned, notes (``severity == "info"``) included (the command line
    shows them with ``--verbose``). A text over :data:`MAX_CABLE_BYTES` gives the crate's
    ``C0003`` diagnostic, as the command line reports it; an input that cannot be read at all
    (over :data:`MAX_INPUT_BYTES`, binary, a malformed container) raises :class:`CableError`, or
    with ``errors="skip"`` is passed over.
    """
    skip = _errors(errors)
    if isinstance(text_or_path, (bytearray, memoryview)):
        text_or_path = bytes(text_or_path)
    if isinstance(text_or_path, (list, tuple)) or _is_path(text_or_path):
        records = _native.validate_paths(
            _paths(text_or_path), container=container, jobs=_jobs(jobs), skip=skip
        )
    elif isinstance(text_or_path, (str, bytes)):
        try:
            records = _native.validate_text(text_or_path, container=container)
        except CableError:
            if not skip:
                raise
            records = []
    else:
        raise TypeError(
            f"validate() takes text (str or bytes) or a path, not {type(text_or_path).__name__}"
        )
    return [Diagnostic._from_native(r) for r in records]


def _worst(native: Any) -> Optional[str]:
    order = {"info": 0, "warning": 1, "error": 2}
    worst = None
    for r in native.records():
        if worst is None or order[r[4]] > order[worst]:
            worst = r[4]
    return worst


#: The columns of :func:`to_dataframe`, in their default order, and how each is read.
_COLUMNS = {
    "id": lambda n: n.id,
    "datetime": lambda n: n.datetime,
    "station": lambda n: n.station,
    "serial": lambda n: n.serial,
    "classification": lambda n: n.level,
    "caveats": lambda n: n.caveats,
    "from": lambda n: n.sender,
    "to": lambda n: n.to,
    "info": lambda n: n.info,
    "tags": lambda n: n.tags,
    "subject": lambda n: n.subject,
    "subject_marking": lambda n: n.subject_marking,
    "classified_by": lambda n: n.classified_by,
    "classified_by_name": lambda n: n.classified_by_name,
    "reasons": lambda n: n.reasons,
    "signers": lambda n: n.signers,
    "partial": lambda n: n.partial,
    "paragraphs": lambda n: n.paragraph_count,
    "references": lambda n: n.reference_count,
    "worst_severity": _worst,
    "path": lambda n: n.path,
    "index": lambda n: n.index,
}
DATAFRAME_COLUMNS: tuple = tuple(_COLUMNS)
_NULLABLE_INTS = ("serial", "paragraphs", "references", "index")


def to_dataframe(
    paths: Union[PathLike, Iterable[PathLike]],
    columns: Optional[Sequence[str]] = None,
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> Any:
    """A pandas DataFrame of the cables' metadata, one row per cable, in input order.

    ``columns`` picks and orders the columns (default: all of :data:`DATAFRAME_COLUMNS`):
    ``classification`` is the level (``"SECRET"``), ``from`` is the sender's name, ``to`` and
    ``info`` are lists of names (``"SECSTATE WASHDC"``), ``caveats``, ``tags`` and ``signers``
    are lists, ``paragraphs`` and ``references`` are counts, ``datetime`` is
    ``datetime64[ns, UTC]`` and the integer columns are pandas' nullable ``Int64``. The cables
    are read as :func:`read` reads them (``container``, ``jobs``, ``errors``). pandas is needed
    (``pip install pandas``); without it, ImportError says so.
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "cablegram.to_dataframe needs pandas, which is not installed: "
            "pip install pandas (or pip install './python[pandas]')"
        ) from e
    if isinstance(columns, str):
        columns = [columns]
    names = list(DATAFRAME_COLUMNS if columns is None else columns)
    unknown = [c for c in names if c not in _COLUMNS]
    if unknown:
        raise ValueError(f"unknown columns {unknown}: expected some of {list(DATAFRAME_COLUMNS)}")
    getters = [_COLUMNS[c] for c in names]
    values: list = [[] for _ in names]
    for cable in read(paths, container=container, jobs=jobs, errors=errors):
        native = cable._native
        for column, get in zip(values, getters):
            column.append(get(native))
    data = {}
    for name, column in zip(names, values):
        if name == "datetime":
            data[name] = pd.to_datetime(
                pd.Series(column, dtype=object), utc=True, format="ISO8601"
            )
        elif name in _NULLABLE_INTS:
            data[name] = pd.array(column, dtype="Int64")
        elif name == "partial":
            data[name] = pd.array(column, dtype="bool")
        else:
            data[name] = pd.Series(column, dtype=object)
    return pd.DataFrame(data, columns=names)


def edition(
    paths: Union[PathLike, Iterable[PathLike]],
    to: str,
    out_dir: PathLike,
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
) -> dict:
    """Publish files and directories as one edition in ``out_dir``, as ``cablegram edition`` does.

    ``to`` is ``"html"`` (a static site), ``"tei"`` (one teiCorpus, ``corpus.xml``) or
    ``"markdown"`` (a Hugo content tree). Each cable is in the edition once, its references
    linked to the cables they cite. ``out_dir`` is replaced only when the edition is complete,
    and only when it is empty or an earlier edition (else :class:`CableError`). Returns the
    counts (``cables``, ``sources``, ``files``, ``unreadable`` inputs) and the ``notes`` on the
    collection (C0701 where the sources of one cable differ), each ``{"code", "message"}``.
    """
    cables, sources, files, unreadable, notes = _native.edition(
        _paths(paths), to, _os.fsdecode(out_dir), container=container, jobs=_jobs(jobs)
    )
    return {
        "cables": cables,
        "sources": sources,
        "files": files,
        "unreadable": unreadable,
        "notes": [{"code": code, "message": message} for code, message in notes],
    }


def formats() -> list:
    """The names of the converters registered in Rust."""
    return list(_native.formats())
