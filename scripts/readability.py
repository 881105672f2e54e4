"""Readability of English Markdown pages: Flesch reading ease and Flesch-Kincaid grade.

Usage: scripts/readability.py [FILES...]   (default: every page in docs/en/)

Prints one row per page. The young-people pages aim at a 12-year-old reader:
Flesch reading ease of about 70 or more and a Flesch-Kincaid grade of about 6
or less. The syllable counter is a small English heuristic (vowel groups, with
silent final e and -ed/-es handled); it is within a syllable of a dictionary
for most common words, which is enough to compare pages.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from nyf import markdown_source
from nyf.yamlfile import DataError

ROOT = Path(__file__).resolve().parents[1]
DOCS_EN = ROOT / "docs" / "en"

_WORD = re.compile(r"[A-Za-z\u00C0-\u017F]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: higher is easier; 60-70 is plain English."""
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level: the US school grade needed to follow the text."""
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59


def count_syllables(word: str) -> int:
    """Syllables in an English word, by counting vowel groups."""
    if word[0].isdigit():
        return 1  # a number such as 112 is read as one unit here
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouyscgxz]es|[^laeiouydt]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def plain_text(markdown: str) -> list[str]:
    """Blocks of readable text: one per paragraph, list item, heading or table row.

    Headings, list items and table cells rarely end with a full stop, but a
    reader takes each as a unit, so each block counts as at least one sentence.
    """
    text = markdown_source.parse(markdown, "").body
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"\{[:#][^}]*\}", "", text)  # {#id} attribute lists
    text = re.sub(r"\[\[\d+\]\]\([^)]*\)", "", text)  # citation links [[3]](...)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"https?://\S+", "", text)
    blocks = []
    for raw in text.split("\n"):
        line = raw.strip()
        if re.fullmatch(r"\|?[\s:|-]*", line):  # blank or table separator
            continue
        if line.startswith("!!!"):
            line = re.sub(r'^!!!\s*\w+\s*"?([^"]*)"?', r"\1", line)
        line = re.sub(r"^(#{1,6}|[-*+]|\d+\.|:)\s+", "", line)
        cells = [cell.strip() for cell in line.strip("|").split("|")] if "|" in line else [line]
        blocks.extend(cell.replace("**", "").replace("_", " ") for cell in cells if cell)
    return [block for block in blocks if _WORD.search(block)]


def score_text(markdown: str) -> Score:
    words = sentences = syllables = 0
    for block in plain_text(markdown):
        block_words = _WORD.findall(block)
        words += len(block_words)
        syllables += sum(count_syllables(word) for word in block_words)
        sentences += max(1, len(_SENTENCE_END.findall(block)))
    return Score(words, sentences, syllables)


def format_table(rows: list[tuple[str, Score]]) -> str:
    header = ("page", "words", "sentences", "words/sent", "syll/word", "Flesch RE", "FK grade")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, score in rows:
        lines.append(
            f"| {name} | {score.words} | {score.sentences} | {score.words_per_sentence:.1f} "
            f"| {score.syllables_per_word:.2f} | {score.reading_ease:.1f} | {score.grade:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(DOCS_EN.rglob("*.md"))
    rows = []
    for path in paths:
        try:
            text = markdown_source.read(path, str(path))
        except DataError as error:
            print(error, file=sys.stderr)
            return 2
        try:
            name = path.resolve().relative_to(DOCS_EN).as_posix()
        except ValueError:
            name = str(path)
        rows.append((name, score_text(text)))
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
