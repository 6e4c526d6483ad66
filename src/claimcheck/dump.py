"""Writing a corpus back to the claim-file format.

Loading then dumping then loading gives equal objects, so tools can rewrite
claim files (to merge them, sort them or migrate them) without losing a
field.
"""

from __future__ import annotations

from typing import Any

import yaml

from .convert import SECTIONS, converter
from .model import Corpus
from .values import DEFAULT_READING, Reading

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

__all__ = ["dump", "to_data"]


def to_data(corpus: Corpus, reading: Reading = DEFAULT_READING) -> dict[str, list[dict[str, Any]]]:
    """The corpus as plain claim-file data: sections of mappings, defaults left out."""
    conv = converter(reading)
    data: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        items = getattr(corpus, section)
        if items:
            data[section] = [conv.unstructure(item) for item in items]
    return data


def dump(corpus: Corpus, reading: Reading = DEFAULT_READING) -> str:
    """The corpus as the text of one claim file."""
    text: str = yaml.dump(to_data(corpus, reading), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text
