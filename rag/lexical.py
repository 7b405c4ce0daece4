"""Lexical normalisation shared by passage selection, the guard and the evals: content terms and numbers."""

from __future__ import annotations

import re
from functools import cache

from rag import lexicons

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "a": 1,
}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")  # a year as news writes it: 1500-2099
MONTHS = tuple("January February March April May June July August September October November December".split())
WEEKDAYS = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
TWIN_SHARE = 0.6  # two texts sharing this share of all their words (Jaccard) tell one account


@cache
def month_pattern(month: str) -> re.Pattern:
    """``month`` ("September") as news writes it, capitalised: "September", "Sept.", "Sep." ("may" and
    "march" in lower case are words of their own)."""
    forms = {month, month[:3]} | ({"Sept"} if month == "September" else set())
    return re.compile(rf"\b(?:{'|'.join(sorted(forms))})\b")


@cache
def chunk_evidence(chunk: str, published: str, headline: str, *labels: str) -> str:
    """What a chunk states with whom it comes from: its headline, its ``labels`` (outlet, sources), the chunk,
    and when it was published (:func:`dated`: "Barty finishes the year as No. 1", published on 16 November
    2020, is of November 2020). A headline's ordinal words are left out:
    headlines use them in set phrases ("First Look: The Blacklist Season 7" is no first season); its figures
    count ("The 92nd Academy Awards")."""
    return " ".join(part for part in (headline_facts(headline), *labels, dated(chunk, published)) if part)


def headline_facts(headline: str) -> str:
    """The headline without its ordinal words, for what it states (see :func:`chunk_evidence`)."""
    return _ordinal_words().sub(" ", headline) if headline else ""


@cache
def _ordinal_words() -> re.Pattern:
    return re.compile(rf"(?i)\b(?:{'|'.join(lexicons.kinds('ordinals'))})\b")


# "last month": the one before its publication's; not "the next month" nor "his last year as governor", which
# count from another time
_RELATIVE = re.compile(
    r"(?i)(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bthat )"
    r"\b(last|next) (month|year)\b(?! (?:of|as|in)\b)"
)
_STEPS = {"last": -1, "next": 1}


def dated(chunk: str, published: str) -> str:
    """The chunk, with the month it was published (an ISO date), and the year when it names no year: news
    tells of its own month ("Obama meets Sanders on Thursday", published 2016-06-08, is of June 2016, though
    the chunk speaks of electing a Democrat in November). "Last month" and "next year" name the month or year
    they are from its publication ("last month", published 2016-01-12, is December 2015)."""
    found = re.match(r"(\d{4})(?:-(\d\d))?", published)
    if found is None or not YEAR.fullmatch(found.group(1)):
        return chunk
    year, number = int(found.group(1)), int(found.group(2) or 0)
    parts = [chunk] + ([] if YEAR.search(chunk) else [str(year)])
    if not 1 <= number <= len(MONTHS):
        return " ".join(parts)
    parts.insert(1, MONTHS[number - 1])
    for match in _RELATIVE.finditer(chunk):
        if _quoted_at(chunk, match.start()):  # a speaker's "last year" counts from when they spoke
            continue
        step = _STEPS[match.group(1).lower()]
        if match.group(2).lower() == "year":
            parts.append(str(year + step))
        else:
            index = number - 1 + step
            parts += [MONTHS[index % len(MONTHS)], str(year + index // len(MONTHS))]
    return " ".join(dict.fromkeys(parts))


def _quoted_at(text: str, at: int) -> bool:
    """Is ``at`` inside a quotation ("...", “...” or ''...'')?"""
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("''") % 2 == 1


def stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def normalize_numbers(text: str) -> str:
    """Write numbers as digits: "1,000" and "one thousand" both become "1000"."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)

    def words_to_number(match: re.Match) -> str:
        words = match.group(0).lower().replace("-", " ").split()
        total, current = 0, 0
        for word in words:
            value = _NUMBER_WORDS[word]
            if word in _SCALE:
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
        return str(total + current)

    scale = "|".join(_SCALE)
    return re.sub(
        rf"\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)[\s-]+)?"
        rf"(?:{scale})\b(?![\s-]+(?:{scale}))|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        rf"twelve|twenty|thirty|forty|fifty)\b",
        words_to_number,
        text,
        flags=re.IGNORECASE,
    )


def terms(text: str) -> set[str]:
    """Stemmed content words and normalised numbers of ``text``."""
    words = re.findall(r"[\w’'-]+", normalize_numbers(text).lower())
    words = [w.replace("’", "'").removesuffix("'s").strip("'-") for w in words]
    return set(stemmer().stemWords([w for w in words if w and w not in lexicons.words("stopwords")]))


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", normalize_numbers(text)))


def mentions(text: str, name: str) -> bool:
    """Does ``text`` contain ``name`` as a whole phrase (case-insensitive; typographic apostrophes read as ')?"""
    name = name.replace("’", "'")
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags=re.IGNORECASE) is not None


def words(text: str) -> frozenset[str]:
    """The distinct words of ``text``, lowercased, figures included."""
    return frozenset(w.lower() for w in re.findall(r"[\w'’-]+", text))


def near_twins(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two word sets (see :func:`words`) tell one account in other words or figures ("... released on May 29,
    2020" and "... on May 9, 2012")? Identical sets are one text, not two accounts."""
    return a != b and len(a & b) >= TWIN_SHARE * len(a | b)
