"""cablegram: read, validate and publish US diplomatic cables (the Rust crate, from Python)."""

import datetime as _dt
from dataclasses import dataclass
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _native
from ._native import CableError as CableError

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

MAX_CABLE_BYTES: int
MAX_INPUT_BYTES: int
DATAFRAME_COLUMNS: Tuple[str, ...]

PathLike = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]

class Record(Dict[str, Any]):
    def __init__(self, value: Dict[str, Any]) -> None: ...
    def __getattr__(self, name: str) -> Any: ...

class Addressee(Record):
    routing: Optional[str]
    addressee: str
    precedence: Optional[str]
    serial: Optional[int]
    text: str

class Classification(Record):
    level: str
    text: str
    caveats: List[str]

class Reference(Record):
    label: Optional[str]
    text: str

class Section(Record):
    number: int
    total: int

class ExecutiveOrder(Record):
    order: Optional[str]
    text: str
    declassify_on: Optional[str]

class Paragraph(Record):
    number: Optional[int]
    label: Optional[str]
    marking: Optional[str]
    text: str
    roles: List[str]
    markers: List[Record]
    span: Record

class Source(Record):
    path: Optional[str]
    container: str
    index: Optional[int]
    metadata: Dict[str, str]
    encoding: Optional[str]

@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str
    message: str
    line: int
    column: int
    hint: Optional[str]
    file: str
    id: Optional[str]

class Cable:
    def __init__(self, native: _native.NativeCable) -> None: ...
    @property
    def id(self) -> Optional[str]: ...
    @property
    def station(self) -> Optional[str]: ...
    @property
    def serial(self) -> Optional[int]: ...
    @property
    def partial(self) -> bool: ...
    @property
    def datetime(self) -> Optional[_dt.datetime]: ...
    @property
    def from_(self) -> Optional[Addressee]: ...
    @property
    def sender(self) -> Optional[str]: ...
    @property
    def to(self) -> List[Addressee]: ...
    @property
    def info(self) -> List[Addressee]: ...
    @property
    def tags(self) -> List[str]: ...
    @property
    def tags_normalized(self) -> List[str]: ...
    @property
    def datetime_source(self) -> Optional[str]: ...
    @property
    def id_source(self) -> Optional[str]: ...
    @property
    def subject(self) -> Optional[str]: ...
    @property
    def subject_marking(self) -> Optional[str]: ...
    @property
    def classified_by(self) -> Optional[str]: ...
    @property
    def classified_by_name(self) -> Optional[str]: ...
    @property
    def reasons(self) -> Optional[str]: ...
    @property
    def signers(self) -> List[str]: ...
    @property
    def classification(self) -> Optional[Classification]: ...
    @property
    def references(self) -> List[Reference]: ...
    @property
    def section(self) -> Optional[Section]: ...
    @property
    def executive_order(self) -> Optional[ExecutiveOrder]: ...
    @property
    def paragraphs(self) -> List[Paragraph]: ...
    @property
    def header(self) -> List[Record]: ...
    @property
    def body(self) -> List[Record]: ...
    @property
    def source(self) -> Optional[Source]: ...
    @property
    def diagnostics(self) -> List[Diagnostic]: ...
    @property
    def name(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_markdown(self) -> str: ...
    def to_tei(self) -> str: ...
    def to_html(self, fragment: bool = False) -> str: ...
    def convert(self, format: str, *, fragment: bool = False) -> str: ...
    def _repr_html_(self) -> str: ...
    def __getattr__(self, name: str) -> Any: ...

def parse(text: Union[str, bytes], *, container: str = "auto") -> Cable: ...
def read(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> Iterator[Cable]: ...
def validate(
    text_or_path: Union[str, bytes, bytearray, os.PathLike[str], os.PathLike[bytes], Sequence[PathLike]],
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> List[Diagnostic]: ...
def to_dataframe(
    paths: Union[PathLike, Iterable[PathLike]],
    columns: Optional[Sequence[str]] = None,
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
    errors: str = "raise",
) -> Any: ...
def edition(
    paths: Union[PathLike, Iterable[PathLike]],
    to: str,
    out_dir: PathLike,
    *,
    container: str = "auto",
    jobs: Optional[int] = None,
) -> Dict[str, Any]: ...
def formats() -> List[str]: ...
