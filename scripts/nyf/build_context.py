"""One build context per MkDocs build: what every hook reads, loaded once.

The project root comes from the MkDocs config (the folder of mkdocs.yml),
never from where a module lives, so a fixture project in a temporary folder
builds with its own data. The context holds the language registry, the
gettext catalogs (compiled in memory, never written to locales/) and the
helpline directory; each is read the first time a hook asks for it.

mkdocs-static-i18n builds every language in one run, calling the hooks once
per language with the same config: the context is made afresh when a run
starts (``start_build`` in the first ``on_config``) and shared by every
language, so ``mkdocs serve`` rereads changed files on each rebuild.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import NullTranslations

from nyf import catalogs, helplines
from nyf.edition import Edition, apply_to_registry, edition_path, load_edition
from nyf.languages import Language, Registry, load_registry

#: The contexts of the builds running in this process, by project root.
_CONTEXTS: dict[Path, BuildContext] = {}


@dataclass
class BuildContext:
    """The project's data for one build; load errors raise nyf.yamlfile.DataError."""

    root: Path
    today: dt.date = field(default_factory=dt.date.today)
    _registry: Registry | None = None
    #: The edition file (NYF_EDITION), or None for the international site as it is.
    edition_file: Path | None = None
    _edition: Edition | None = None
    _translations: dict[str, NullTranslations] = field(default_factory=dict)
    _directory: helplines.Directory | None = None
    #: What hooks derive from the data once per build (e.g. country lists).
    derived: dict[object, object] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def registry(self) -> Registry:
        """The language registry, as the edition (if any) builds it."""
        if self._registry is None:
            registry = load_registry(self.data_dir / "languages.yml")
            if self.edition_file is not None:
                countries = {p.stem for p in (self.data_dir / "helplines").glob("[A-Z][A-Z].yml")}
                self._edition = load_edition(self.edition_file, registry, self.root, countries)
                registry = apply_to_registry(registry, self._edition)
            self._registry = registry
        return self._registry

    @property
    def edition(self) -> Edition | None:
        """The checked edition, or None when the build has none."""
        self.registry  # noqa: B018 (loads and checks the edition with the registry)
        return self._edition

    def language(self, code: str | None) -> Language:
        """A language of the registry by code; None is the default language."""
        return self.registry.get(code) if code else self.registry.default

    def translations(self, locale: str) -> NullTranslations:
        """The gettext translations of ``locale``, compiled once per build."""
        if locale not in self._translations:
            self._translations[locale] = catalogs.translations(locale, self.locales_dir)
        return self._translations[locale]

    def helpline_directory(self) -> helplines.Directory:
        """The helpline data, validated (check ``errors`` before use)."""
        if self._directory is None:
            self._directory = helplines.load_directory(
                self.today, directory=self.data_dir / "helplines", root=self.root
            )
        return self._directory


def project_root(config) -> Path:
    """The folder of the build's mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent


def start_build(config) -> BuildContext:
    """A fresh context for a run that starts now (every file is read again)."""
    root = project_root(config)
    context = BuildContext(root, edition_file=edition_path(root))
    _CONTEXTS[context.root] = context
    return context


def build_context(config) -> BuildContext:
    """The context of the running build (made if no hook has started one)."""
    root = project_root(config)
    return _CONTEXTS.get(root) or start_build(config)
