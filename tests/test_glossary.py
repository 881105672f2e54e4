"""The translators' glossary covers every key term in every language."""

from __future__ import annotations

from nyf.languages import load_registry
from nyf.yamlfile import load_yaml
from sitebuild import ROOT

KEY_TERMS = {"sextortion", "grooming", "helpline", "evidence", "report", "quick exit"}


def test_every_key_term_in_every_language():
    glossary = load_yaml(ROOT / "data/glossary.yml").data["terms"]
    assert set(glossary) >= KEY_TERMS
    codes = [lang.code for lang in load_registry().published() if not lang.default]
    for term, entry in glossary.items():
        assert entry.get("en") and entry.get("note"), term
        missing = [code for code in codes if not str(entry.get(code) or "").strip()]
        assert missing == [], f"{term}: no translation for {missing}"
