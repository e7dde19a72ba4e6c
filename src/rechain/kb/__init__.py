"""The curated knowledge base: data files, their validator, and their claims."""

from rechain.kb.files import DATA_DIR, KbRow, read_kb
from rechain.kb.validate import validate_kb

__all__ = ["DATA_DIR", "KbRow", "read_kb", "validate_kb"]
