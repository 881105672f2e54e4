"""MkDocs hook: the helpline directory (stub until the directory lands)."""
