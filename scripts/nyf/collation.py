"""Sort words the way a language sorts them, without ICU.

PyICU is not available and pyuca (UCA root order) does not tailor per
language (Czech sorts "ch" after "h" and "č" after "c"; Polish "ł" after "l"),
so :func:`collation_key` implements the few tailorings our languages need on
top of Unicode normalisation: a per-language alphabet, with letters not in it
sorting as their base letter (secondary difference). Used for country names in
the helpline directory and its boxes.
"""

from __future__ import annotations

import unicodedata

_LATIN = "a b c d e f g h i j k l m n o p q r s t u v w x y z"
#: Letters that are primary (distinct) in each language, in alphabetical order.
#: A letter not listed sorts as its base letter, with the accent breaking ties.
ALPHABETS = {
    "default": _LATIN,
    "cs": "a b c č d e f g h ch i j k l m n o p q r ř s š t u v w x y z ž",
    "sk": "a ä b c č d dz dž e f g h ch i j k l m n o ô p q r s š t u v w x y z ž",
    "pl": "a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż",
    "es": "a b c d e f g h i j k l m n ñ o p q r s t u v w x y z",
    "uk": "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я",
    "ar": "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي",
}
#: Letters folded onto another before lookup (Arabic hamza and alif forms).
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
#: Rank of spaces and punctuation: before every letter, as in CLDR root.
_SEPARATOR = 0
#: Letters of other scripts sort after the language's alphabet, by code point.
_OTHER = 1000


def _alphabet(language: str) -> tuple[dict[str, int], int]:
    letters = ALPHABETS.get(language, ALPHABETS["default"]).split()
    ranks = {letter: i + 1 for i, letter in enumerate(letters)}
    return ranks, max(len(letter) for letter in letters)


def collation_key(text: str, language: str) -> tuple:
    """A sort key for ``text`` in ``language`` (its base code: cs, pl, uk...)."""
    ranks, longest = _alphabet(language.split("_")[0].split("-")[0])
    folded = unicodedata.normalize("NFC", text.casefold()).translate(_FOLD)
    primary: list[int] = []
    secondary: list[str] = []
    i = 0
    while i < len(folded):
        for size in range(longest, 0, -1):
            chunk = folded[i : i + size]
            if len(chunk) == size and chunk in ranks:
                primary.append(ranks[chunk])
                secondary.append(chunk)
                i += size
                break
        else:
            char = folded[i]
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            if base in ranks:
                primary.append(ranks[base])
            elif not base.isalnum():
                primary.append(_SEPARATOR)
            else:
                primary.append(_OTHER + ord(base[:1] or char))
            secondary.append(char)
            i += 1
    return (tuple(primary), tuple(secondary), text)
