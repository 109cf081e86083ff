"""cablegram: read, validate and publish US diplomatic cables (the Rust crate, from Python)."""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, Iterator, Union

from . import _native
from ._native import CableError

__all__ = ["Cable", "CableError", "parse", "read", "formats"]


def _aware(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.replace("Z", "+00:00")
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError:
        return value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


class Cable:
    """One cable: the model's fields as attributes, built from the crate's JSON model."""

    __slots__ = ("_native", "_dict")

    def __init__(self, native: Any) -> None:
        self._native = native
        self._dict: dict | None = None

    def to_json(self) -> str:
        return self._native.convert("json").rstrip("\n")

    def to_dict(self) -> dict:
        if self._dict is None:
            self._dict = _json.loads(self.to_json())
        return self._dict

    def to_markdown(self) -> str:
        return self._native.convert("markdown")

    def to_tei(self) -> str:
        return self._native.convert("tei")

    def to_html(self, fragment: bool = False) -> str:
        return self._native.convert("html", fragment=fragment)

    def _repr_html_(self) -> str:
        return self.to_html(fragment=True)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        d = self.to_dict()
        if name not in d:
            raise AttributeError(name)
        value = d[name]
        if name == "datetime":
            return _aware(value)
        if isinstance(value, dict):
            return _Record(value)
        return value

    def __repr__(self) -> str:
        return f"<Cable {self.to_dict().get('id')!r}>"


class _Record(dict):
    """A nested object of the model: keys also readable as attributes (`classification.level`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def parse(text: Union[str, bytes], *, container: str = "auto") -> Cable:
    """Parses one cable held in memory; bytes are decoded as the command line decodes them."""
    cables = _native.parse(text, container=container)
    if not cables:
        raise CableError("no cable found in the input")
    return Cable(cables[0])


def read(
    paths: Any, *, container: str = "auto", jobs: Any = None, errors: str = "raise"
) -> Iterator[Cable]:
    """The cables of files, directories, `cables.csv` and JSON dumps, streamed in input order.

    `errors="skip"` passes over an input that cannot be read (as the command line does, which
    reports it and goes on); `"raise"` raises CableError for it.
    """
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    if isinstance(paths, (str, bytes, _os.PathLike)):
        paths = [paths]
    reader = _native.read([_os.fsdecode(p) for p in paths], container=container)
    while True:
        try:
            native = next(reader)
        except StopIteration:
            return
        except CableError:
            if errors == "raise":
                raise
            continue
        yield Cable(native)


def formats() -> list:
    """The names of the converters registered in Rust."""
    return list(_native.formats())
