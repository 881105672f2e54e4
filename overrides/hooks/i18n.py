"""MkDocs hook: drive mkdocs-static-i18n and our gettext catalogs from the registry.

Thin glue; the rules live in scripts/nyf/ (languages, catalogs, site_i18n).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage
from nyf import catalogs, page_build, page_po, site_i18n
from nyf.build_context import build_context, start_build
from nyf.generated_pages import add_generated_page
from nyf.languages import Registry
from nyf.yamlfile import DataError

#: Each language's 404 page by path (404.html, cs/404.html), kept until every
#: language is built: each language's build writes the one root 404.html.
_not_found_pages: dict[str, str] = {}


def _registry(config: MkDocsConfig) -> Registry:
    return build_context(config).registry


def _current(config: MkDocsConfig):
    plugin = config.plugins["i18n"]
    return _registry(config).get(plugin.current_language or plugin.default_language)


def _country(config: MkDocsConfig) -> str | None:
    edition = build_context(config).edition
    return edition.default_country if edition is not None else None


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
    if plugin.current_language is None:
        # A run starts (a build, or a rebuild under mkdocs serve): read every
        # data file afresh, once, for all the languages of this run.
        try:
            context = start_build(config)
            registry = context.registry
            # Every language's pages, from English + PO (docs/<code>/ is generated).
            context.derived["page_translations"] = page_build.generate_and_write(
                context.root, Path(config.docs_dir), registry
            )
        except DataError as error:
            raise PluginError(str(error)) from None
        edition = context.edition
        if edition is not None:
            # editions/<name>.yml (make build EDITION=...): its address; the rest
            # (default language, languages, names, quick exits) is in the registry.
            config.site_url = edition.site_url
        placeholder = [lang.locale for lang in plugin.config.languages]
        if edition is None and placeholder != [registry.default.code]:
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
        translations = build_context(config).translations(language.locale)
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
    # The language button's target; on the 404 page too, which has no page context.
    env.globals["nyf_languages_page"] = site_i18n.languages_page_url(language)
    env.globals["nyf_registry"] = _registry(config)
    env.globals["nyf_not_found"] = not_found
    env.globals["nyf_edition"] = build_context(config).edition
    return env


def _not_found_entries(config: MkDocsConfig) -> list[dict[str, str]]:
    """The 404 message in every published language, the page's own first."""
    current = _current(config)
    published = _registry(config).published()
    entries = []
    for language in sorted(published, key=lambda language: language != current):
        gettext = build_context(config).translations(language.locale).gettext
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


# After mkdocs-static-i18n's on_files (-100), and before the other hooks add
# their generated pages (-150). Two things:
# - Each language's languages page, which the language button links to.
# - An edition with another language at the root has the English page written
#   into a language's folder where it is not translated (nyf.page_build.STANDIN_KEY):
#   such a page is English, and every rule for a fallback (the notice, lang="en",
#   no hreflang, the canonical English page, "(English)" in search) reads the
#   file's locale.
@event_priority(-140)
def on_files(files, config: MkDocsConfig):
    language = _current(config)
    try:
        gettext = build_context(config).translations(language.locale).gettext
    except DataError as error:
        raise PluginError(str(error)) from None
    # Translators: title of the page that lists every language of the site; the
    # language button in the header leads to it.
    title = gettext("Languages")
    content = site_i18n.languages_page_markdown(_registry(config), config.site_url or "/", title)
    add_generated_page(files, config, site_i18n.LANGUAGES_PAGE, content)
    generated = build_context(config).derived.get("page_translations")
    if generated is None or not page_build.needs_standins(_registry(config)):
        return files
    standins = page_build.standin_sources(generated)
    source = _registry(config).source.code
    for file in files:
        for each in [file, *getattr(file, "alternates", {}).values()]:
            if getattr(each, "src_uri", None) in standins:
                each.locale = source
    return files


def on_page_context(context, page, config: MkDocsConfig, nav):
    language = _current(config)
    file_locale = getattr(page.file, "locale", language.code)
    fallback = site_i18n.is_fallback(file_locale, language.code)
    context["nyf_fallback"] = fallback
    context["nyf_languages_page"] = site_i18n.languages_page_url(language)
    context["nyf_page_in_language"] = page.url.removeprefix(language.url_prefix)
    context["nyf_source_language"] = _registry(config).get(file_locale)
    alternates = getattr(page.file, "alternates", {})
    if fallback:
        # Not a translation: point search engines at the original, advertise nothing.
        context["nyf_alternates"] = []
        original = alternates.get(file_locale) or page.file
        context["nyf_canonical"] = site_i18n.absolute_url(config.site_url or "/", original.url)
    else:
        context["nyf_alternates"] = site_i18n.hreflang_alternates(
            alternates, _registry(config), config.site_url or "/"
        )
        context["nyf_canonical"] = page.canonical_url
    return context


@event_priority(-50)
def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return site_i18n.set_html_lang_dir(output, _current(config), _country(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        language = _current(config)
        output = site_i18n.set_html_lang_dir(output, language, _country(config))
        if language.published:
            _not_found_pages[site_i18n.not_found_page(language)] = output
    return output


# After mkdocs-static-i18n (-100) has built every other language: each build
# writes the one root 404.html, so put back the default language's version,
# and give every other language its own at its home (cs/404.html), which the
# hosts that can serve a 404 page per folder use (overrides/hooks/hosting.py).
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return
    while _not_found_pages:
        path, page = _not_found_pages.popitem()
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def on_serve(server, config: MkDocsConfig, builder):
    """`make serve` rebuilds when a page translation (PO file) changes."""
    pages = Path(config.config_file_path).resolve().parent / page_po.PAGES_DIR
    if pages.is_dir():
        server.watch(str(pages))
    return server
