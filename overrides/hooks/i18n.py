"""MkDocs hook: drive mkdocs-static-i18n and our gettext catalogs from the registry.

Thin glue; the rules live in scripts/nyf/ (languages, catalogs, site_i18n).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage
from nyf import catalogs, site_i18n
from nyf.languages import Registry, load_registry
from nyf.yamlfile import DataError

_state: dict[str, Registry] = {}


def _registry() -> Registry:
    return _state["registry"]


def _current(config: MkDocsConfig):
    plugin = config.plugins["i18n"]
    return _registry().get(plugin.current_language or plugin.default_language)


def _locales(config: MkDocsConfig) -> Path:
    """The project's catalogs (the MkDocs config says where the project is)."""
    return Path(config.config_file_path).parent / "locales"


def _plugin_languages(registry: Registry) -> list[I18nPluginLanguage]:
    languages = []
    for options in registry.i18n_plugin_languages():
        language = I18nPluginLanguage()
        language.load_dict(options)
        failed, _warnings = language.validate()
        if failed:
            key, error = failed[0]
            raise PluginError(f"data/languages.yml: {options['locale']}.{key}: {error}")
        languages.append(language)
    return languages


# Runs before mkdocs-static-i18n's on_config (priority -100), which reads the
# languages we set here.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("mkdocs.yml: plugins: the i18n plugin (mkdocs-static-i18n) is missing")
    if "registry" not in _state or plugin.current_language is None:
        try:
            registry = load_registry(Path(config.config_file_path).parent / "data/languages.yml")
        except DataError as error:
            raise PluginError(str(error)) from None
        _state["registry"] = registry
        placeholder = [lang.locale for lang in plugin.config.languages]
        if placeholder != [registry.default.code]:
            raise PluginError(
                "mkdocs.yml: plugins.i18n.languages must name only the default language "
                f"({registry.default.code}); the other languages come from data/languages.yml"
            )
        plugin.config.languages = _plugin_languages(registry)
        # We set the search languages ourselves from the registry.
        plugin.config.reconfigure_search = False
        search = config.plugins.get("material/search")
        if search is not None:
            search.config.lang = registry.search_languages()
    return config


def on_env(env, config: MkDocsConfig, files):
    language = _current(config)
    try:
        translations = catalogs.translations(language.locale, _locales(config))
        not_found = _not_found_entries(config)
    except DataError as error:
        raise PluginError(str(error)) from None
    # Catalogs come from translators: every string they give is escaped text.
    env.install_gettext_callables(
        gettext=catalogs.escaped(translations.gettext),
        ngettext=catalogs.escaped(translations.ngettext),
        newstyle=True,
    )
    env.globals["nyf_language"] = language
    env.globals["nyf_registry"] = _registry()
    env.globals["nyf_not_found"] = not_found
    return env


def _not_found_entries(config: MkDocsConfig) -> list[dict[str, str]]:
    """The 404 message in every published language, for the one 404 page."""
    entries = []
    for language in _registry().published():
        gettext = catalogs.translations(language.locale, _locales(config)).gettext
        entries.append(
            {
                "hreflang": language.hreflang,
                "dir": language.dir,
                # Translators: the 404 page, shown for an address that does not exist.
                "message": gettext("This page does not exist. It may have moved."),
                # Translators: link from the 404 page to the home page of the reader's language.
                "home_label": gettext("Go to the home page"),
                "home": site_i18n.language_home(config.site_url or "/", language),
            }
        )
    return entries


# After mkdocs-static-i18n's on_nav (-100): name each section after its index
# page, whose title is translated with the page (mkdocs.yml holds placeholders).
@event_priority(-150)
def on_nav(nav, config: MkDocsConfig, files):
    site_i18n.title_sections_from_index_pages(nav.items)
    return nav


def on_page_context(context, page, config: MkDocsConfig, nav):
    language = _current(config)
    file_locale = getattr(page.file, "locale", language.code)
    fallback = site_i18n.is_fallback(file_locale, language.code)
    context["nyf_fallback"] = fallback
    context["nyf_source_language"] = _registry().get(file_locale)
    alternates = getattr(page.file, "alternates", {})
    if fallback:
        # Not a translation: point search engines at the original, advertise nothing.
        context["nyf_alternates"] = []
        original = alternates.get(file_locale) or page.file
        context["nyf_canonical"] = site_i18n.absolute_url(config.site_url or "/", original.url)
    else:
        context["nyf_alternates"] = site_i18n.hreflang_alternates(
            alternates, _registry(), config.site_url or "/"
        )
        context["nyf_canonical"] = page.canonical_url
    return context


@event_priority(-50)
def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return site_i18n.set_html_lang_dir(output, _current(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        language = _current(config)
        output = site_i18n.set_html_lang_dir(output, language)
        if language.default:
            _state["404"] = output
    return output


# After mkdocs-static-i18n (-100) has built every other language: each build
# writes the one root 404.html, so put back the default language's version.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building and "404" in _state:
        (Path(config.site_dir) / "404.html").write_text(_state.pop("404"), encoding="utf-8")
