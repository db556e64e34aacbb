"""Turning Arabic text into search terms, the same way for documents and for queries.

Every word goes through one pipeline, on both databases:

1. ``articles.text.normalize_arabic`` folds spellings (diacritics and tatweel removed, alef
   forms to ا, ى to ي, ة to ه, hamza on waw/ya, Eastern digits, Latin case);
2. the text is cut into words (letters and digits only: punctuation, emoji, quotes and
   tsquery/SQL syntax characters are separators, never part of a term);
3. a light stemmer (:func:`stem`) removes the clitics and common suffixes with which one
   word is typed in running text, so «والمغرب», «بالمغرب» and «للمغرب» all become «مغرب».

The stems are what the search document stores. On PostgreSQL they are then handed to the
built-in ``arabic`` text search configuration, which stems once more (consistently on
both sides); on SQLite they are matched as whole space-delimited words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from arabic.text import normalize_arabic, strip_bidi_controls

#: Longest query we look at; the rest of a pasted essay is ignored.
MAX_QUERY_LENGTH = 200
#: At most this many words and phrases from one query take part in matching.
MAX_QUERY_UNITS = 8
#: Words longer than this are not indexed (base64 blobs, URLs glued together...).
MAX_WORD_LENGTH = 60
#: Only the start of a very long body is indexed, well under PostgreSQL's tsvector limit.
MAX_INDEXED_CHARS = 100_000

# Letters and digits; the underscore is a word character for ``\w`` but not for us.
WORD = re.compile(r"[^\W_]+")
# Control and format characters (NUL, bidi overrides...) that a query must never carry.
_CONTROLS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f]"
)
_TAG = re.compile(r"<[^>]*>|<!--.*?-->", re.DOTALL)
_SPACES = re.compile(r"\s+")
# A quoted phrase: ASCII or typographic double quotes, or Arabic guillemets.
_PHRASE = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]")

# Clitic prefixes removed from the front of a word, longest first: a conjunction (و/ف),
# then a preposition (ب/ك/ل), then the article (ال, or لل after ل). A bare و/ف/ب/ك/ل is
# not removed because too many common words start with those letters (وزير، فريق، بيت،
# كتاب، لجنه): «وزارة» and «الوزارة» must keep meeting at «وزار».
_PREFIXES = tuple(
    sorted(
        {
            conj + prep + art
            for conj in ("", "و", "ف")
            for prep, art in (("", "ال"), ("ب", "ال"), ("ك", "ال"), ("", "لل"))
        },
        key=len,
        reverse=True,
    )
)
# Common suffixes (in their folded spelling: ة is ه, ى is ي), longest first. One is
# removed per pass (up to three passes), and only if at least MIN_STEM letters remain, so
# a plural relative adjective meets its noun (فلسطينيين → فلسطيني → فلسطين → فلسط) and
# the alef of tanween goes (قمرًا → قمرا → قمر).
_SUFFIXES = ("تين", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "نا", "ه", "ي", "ا")
# Proclitics without the article, removed only to make alternates (see alternates()).
_BARE_PROCLITICS = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
ALTERNATES_SEPARATOR = "|"
MIN_PREFIX_REST = 2
MIN_STEM = 3
SUFFIX_PASSES = 3

# Words so common that a multi-word query ignores them (they still count inside a quoted
# phrase, and a query made only of them searches for them). Folded spellings.
STOPWORDS = frozenset(
    normalize_arabic(w)
    for w in """
    في من إلى الى على عن مع هذا هذه ذلك تلك التي الذي الذين اللذان اللتان اللواتي هو هي هم
    أن إن ان أو او ثم قد لا ما لم لن كان كانت يكون بين بعد قبل حتى كل عند منذ أي ايضا أيضا
    و ف ب ك ل يا لقد كما التى الى حيث خلال دون غير ضد عبر فيه فيها منه منها عليه عليها
    the a an of and or in on to for is
    """.split()  # noqa: SIM905  (a word list reads better as text)
)


def clean_query(value: str) -> str:
    """What is left of a typed query to show back and to parse: bounded and control-free."""
    value = strip_bidi_controls(value or "")[: MAX_QUERY_LENGTH * 2]
    value = _CONTROLS.sub(" ", value)
    return re.sub(r"\s+", " ", value).strip()[:MAX_QUERY_LENGTH]


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The light stem of one already-folded word (see the module docstring).

    Latin words and numbers are returned as they are.
    """
    if not word or not ("\u0600" <= word[0] <= "\u06ff"):
        return word
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_PREFIX_REST:
            word = word[len(prefix) :]
            break
    for _ in range(SUFFIX_PASSES):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@lru_cache(maxsize=65_536)
def alternates(word: str) -> tuple[str, ...]:
    """Other stems a folded word may stand for, if it starts with a bare proclitic.

    «وإسبانيا» is «و» + «إسبانيا», but «وزارة» is one word: without a dictionary the stemmer
    cannot tell, so :func:`stem` keeps such words whole and this gives the stems of the
    word without its possible proclitics (و/ف, then ب/ك/ل), kept only if at least
    MIN_STEM letters remain. Documents index them after their own words and queries
    accept them as alternatives, so «وإسبانيا» and «إسبانيا» meet either way.
    """
    if not word or not ("\u0600" <= word[0] <= "\u06ff") or word.startswith(_PREFIXES):
        return ()
    found: list[str] = []
    for prefix in _BARE_PROCLITICS:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_STEM:
            alternate = stem(rest)
            if alternate not in found and alternate != stem(word):
                found.append(alternate)
    return tuple(found)


def words(text: str) -> list[str]:
    """The folded words of a plain text, in order."""
    return [w for w in WORD.findall(normalize_arabic(text)) if len(w) <= MAX_WORD_LENGTH]


def stems(text: str) -> list[str]:
    """The stems of a plain text, in order (document side and query side alike)."""
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=65_536)
def keys_of(raw_word: str) -> frozenset[str]:
    """The stem and alternates of one word as written in a text (for the highlighter)."""
    folded = WORD.findall(normalize_arabic(raw_word))
    if len(folded) != 1:
        return frozenset()
    return frozenset((stem(folded[0]), *alternates(folded[0])))


def index_text(text: str) -> str:
    """The stored form of one field: its stems in order, then the alternates, space-padded.

    The padding lets SQLite match whole stems (``LIKE '% stem %'``) and phrases
    (``LIKE '% stem1 stem2 %'``) without ever matching inside a longer word. The «|»
    between the words and their alternates keeps a phrase from spanning the two.
    """
    folded = words(text[:MAX_INDEXED_CHARS])
    joined = " ".join(stem(w) for w in folded)
    extra = " ".join(dict.fromkeys(a for w in folded for a in alternates(w)))
    if extra:
        joined = f"{joined} {ALTERNATES_SEPARATOR} {extra}"
    return f" {joined} " if joined else ""


def html_to_text(html: str) -> str:
    """Visible text of a rich-text body: tags removed, entities decoded, bidi controls gone.

    Bodies are sanitised HTML (articles.sanitize), so a regular expression is enough to
    drop the tags, and much faster than an HTML parser over a whole archive. The result is
    only ever indexed or escaped before display.
    """
    text = _TAG.sub(" ", html or "")  # a space keeps words of adjacent paragraphs apart
    return _SPACES.sub(" ", strip_bidi_controls(unescape(text))).strip()


#: One way a unit of the query can be found: a single stem, or a phrase's stems in order.
Form = tuple[str, ...]
#: A word or a phrase of the query: the forms that satisfy it (any one of them).
Unit = tuple[Form, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query as matching units.

    Each unit is a word or a quoted phrase, given as the forms that satisfy it: a word's
    stem and alternates (see :func:`alternates`), or a phrase's stems in order. Articles
    matching every unit rank first; matching any unit is enough to be a result.
    """

    text: str
    units: tuple[Unit, ...] = ()
    highlight: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.units)


def parse_query(raw: str) -> ParsedQuery:
    """Parse what a reader typed into :class:`ParsedQuery`; never raises.

    Quoted text («...», "...", “...”) is a phrase; other words are single terms. Common
    function words are dropped from a query that also has other words.
    """
    text = clean_query(raw)
    units: list[Unit] = []
    for match in _PHRASE.finditer(text):
        phrase = tuple(stems(match.group(1)))
        if phrase:
            units.append((phrase,))
    loose = words(_PHRASE.sub(" ", text))
    content = [w for w in loose if w not in STOPWORDS]
    if not content and not units:
        content = loose  # a query made only of common words searches for them
    units.extend(tuple((form,) for form in (stem(w), *alternates(w))) for w in content)

    unique = list(dict.fromkeys(units))[:MAX_QUERY_UNITS]
    highlight = frozenset(s for unit in unique for form in unit for s in form)
    return ParsedQuery(text=text, units=tuple(unique), highlight=highlight)
