"""A reproducible synthetic corpus for the scale benchmarks, recombined from the seed articles.

Article ``i`` is drawn with ``random.Random(f"{seed}:{i}")``: a base seed article gives the headline and most
of the body (in order, some sentences dropped), a few sentences come from the other seeds, every person named
in the seeds is replaced by a generated name (one per article), every number by another of the same size,
and an outlet masthead is picked from a list. The same ``seed`` always gives the same articles, and article
``i`` does not depend on how many are generated, so smaller corpora are prefixes of larger ones.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.common import SEEDS

DEFAULT_SEED = 20240814

# People named in the seeds (full name, then the surname alone), replaced per article.
PEOPLE = [
    ("Dmitry", "Usov"),
    ("Vladimir", "Putin"),
    ("Valery", "Gerasimov"),
    ("Tatyana", "Moskalkova"),
    ("Oleksandr", "Syrskyi"),
    ("Maria", "Zakharova"),
    ("Dmytro", "Lubinets"),
    ("Volodymyr", "Zelensky"),
]
FIRST = (
    "Anna Boris Celia Daria Elena Fedir Galina Hanna Igor Irina Kateryna Kirill Larysa Mykola Nadia Oksana "
    "Pavel Roman Sofia Taras Ulyana Viktor Yulia Yuriy Zoya Andriy Bohdan Olena Petro Svitlana"
).split()
LAST = (
    "Antonenko Belova Chernenko Danilova Yefimov Fomina Gavrilenko Horbach Ivashko Karpenko Levchenko Melnyk "
    "Nazarova Orlova Petrenko Rudenko Savchenko Tkachenko Usenko Voronova Yakovenko Zhukova Bondar Hrytsenko "
    "Kovalenko Lysenko Marchenko Shevchuk Tarasova Vlasenko"
).split()
OUTLETS = (
    "Capitol Daily News|Eastern Herald|Baltic Observer|Dnipro Dispatch|Continental Times|Steppe Tribune|"
    "Morning Chronicle|Frontline Monitor|Danube Post|Northern Gazette|Harbour Review|Evening Courier"
).split("|")
SECTIONS = ("World News", "Europe", "Analysis", "Politics", "")
_NUMBER = re.compile(r"\d[\d,]*")


@dataclass(frozen=True)
class SeedArticle:
    title: str
    sentences: list[str]


@cache
def seed_articles(folder: Path = SEEDS) -> list[SeedArticle]:
    """The seeds as headline plus body sentences (split by ``rag.sentences``, as the pipeline does)."""
    from rag.ingest.corpus import load_corpus
    from rag.sentences import split_sentences

    parsed = []
    for article in load_corpus(folder).articles:
        body = [s.text.strip() for s in split_sentences(article.body) if len(s.text.split()) >= 4]
        parsed.append(SeedArticle(title=article.title or " ".join(body[0].split()[:8]), sentences=body))
    return parsed


def _renumber(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = match.group(0).replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):  # years stay plausible
            return str(rng.randint(2014, 2025))
        value = rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1)
        return f"{value:,}" if "," in match.group(0) else str(value)

    return _NUMBER.sub(swap, text)


def _rename(text: str, names: dict[str, tuple[str, str]]) -> str:
    for (first, last), (new_first, new_last) in names.items():
        text = text.replace(f"{first} {last}", f"{new_first} {new_last}").replace(last, new_last)
    return text


def generate_article(index: int, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """Article ``index`` of the corpus: (doc id, text)."""
    seeds = seed_articles()
    rng = random.Random(f"{seed}:{index}")
    base = seeds[index % len(seeds)]
    names = {person: (rng.choice(FIRST), rng.choice(LAST)) for person in PEOPLE}
    body = [s for s in base.sentences if rng.random() > 0.25]
    for _ in range(rng.randint(1, 4)):
        other = rng.choice(seeds)
        body.insert(rng.randint(0, len(body)), rng.choice(other.sentences))
    paragraphs, paragraph = [], []
    for sentence in body:
        paragraph.append(_renumber(_rename(sentence, names), rng))
        if len(paragraph) >= rng.randint(1, 3):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    title = _renumber(_rename(base.title, names), rng).rstrip(".")
    section = rng.choice(SECTIONS)
    header = [rng.choice(OUTLETS), *([section] if section else []), "", title, ""]
    return f"{index:06d}", "\n".join(header + paragraphs) + "\n"


def write_corpus(folder: Path, articles: int, seed: int = DEFAULT_SEED) -> Path:
    """Write ``articles`` generated articles as ``folder/<id>.txt`` (kept if already there); return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(articles):
        path = folder / f"{index:06d}.txt"
        if not path.exists():
            _doc_id, text = generate_article(index, seed)
            path.write_text(text, encoding="utf-8")
    return folder


def articles_for_chunks(target: int, seed: int = DEFAULT_SEED, sample: int = 200) -> int:
    """How many generated articles give about ``target`` chunks (the chunks per article of the first ``sample``)."""
    import tempfile

    from rag.ingest.chunking import chunk_spans
    from rag.ingest.corpus import load_corpus

    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(Path(folder), sample, seed))
        chunks = sum(len(chunk_spans(article)) for article in corpus.articles)
    return max(1, round(target * sample / chunks))
