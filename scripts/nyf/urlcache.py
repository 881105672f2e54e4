"""A cache of URL check results, so that repeated on-demand checks stay polite.

The network checker itself lives in scripts/check_helpline_sites.py
(``check_all``: concurrent, timeouts, retries with backoff, a per-host limit);
this module only remembers its answers in a JSON file under .cache/. A good
answer is trusted for ``max_age`` seconds; anything else is checked again.

Usage::

    results = cached_check(urls, check_all, Path(".cache/external-links.json"), UrlStatus)
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: A good answer is trusted for a day; failures are always checked again.
DEFAULT_MAX_AGE = 24 * 3600
#: The outcome that counts as a good answer (check_helpline_sites.UrlStatus.outcome).
GOOD_OUTCOME = "ok"


def load_cache(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}  # a broken cache only costs a fresh check
    return data if isinstance(data, dict) else {}


def save_cache(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(sorted(entries.items())), indent=1, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def cached_check(
    urls: Iterable[str],
    check: Callable[[list[str]], list[Any]],
    cache_file: Path | None,
    result_type: type,
    *,
    max_age: float = DEFAULT_MAX_AGE,
    now: Callable[[], float] = time.time,
) -> dict[str, Any]:
    """Results for every URL: fresh good ones from the cache, the rest from ``check``.

    ``result_type`` is the checker's result dataclass (with ``url`` and
    ``outcome`` fields); cached entries are rebuilt as that type.
    """
    fields = {f.name for f in dataclasses.fields(result_type)}
    cache = load_cache(cache_file)
    results: dict[str, Any] = {}
    todo = []
    for url in sorted(set(urls)):
        entry = cache.get(url)
        fresh = (
            isinstance(entry, dict)
            and entry.get("outcome") == GOOD_OUTCOME
            and now() - float(entry.get("checked_at", 0)) < max_age
        )
        if fresh:
            results[url] = result_type(**{k: v for k, v in entry.items() if k in fields})
        else:
            todo.append(url)
    checked_at = now()
    for result in check(todo) if todo else []:
        results[result.url] = result
        cache[result.url] = {**dataclasses.asdict(result), "checked_at": checked_at}
    if cache_file is not None:
        save_cache(cache_file, cache)
    return results
