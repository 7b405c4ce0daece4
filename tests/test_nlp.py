"""The shared spaCy pipeline: its indexed attribute ruler must annotate exactly as the model's own."""

import pytest
import spacy

from rag import nlp
from tests.conftest import SEEDS

# Contractions, slang and spacing the ruler's multi-token, regex and whitespace rules are written for.
ODD = [
    "I ai n't gon na go, y'all, c'm on, let 's   go.",
    "Nothin' ol' 'em 'nuff -- somethin' doin' goin' wo n't sha n't ca n't.",
    "There is  a dog .  \n\n  It was theirs; I'd had it, he'd do it.",
]


@pytest.fixture(scope="module")
def stock() -> spacy.language.Language:
    return spacy.load(nlp.MODEL)


def _annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_the_pipeline_uses_the_indexed_ruler_with_every_rule_readable() -> None:
    ruler = nlp.load().get_pipe("attribute_ruler")
    assert isinstance(ruler, nlp.IndexedAttributeRuler)
    assert ruler._readable
    assert len(ruler.patterns) > 100


def test_indexed_ruler_annotates_as_spacys(stock: spacy.language.Language) -> None:
    paragraphs = [p for path in sorted(SEEDS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n")]
    texts = [p for p in paragraphs if p.strip()] + ODD
    assert len(texts) > 50
    ours = [_annotations(doc) for doc in nlp.pipe(texts)]
    theirs = [_annotations(doc) for doc in stock.pipe(texts, disable=["ner"])]
    assert ours == theirs
    ruler, reference = nlp.load().get_pipe("attribute_ruler"), stock.get_pipe("attribute_ruler")
    for doc in nlp.pipe(ODD):
        assert ruler.match(doc) == sorted(set(reference.match(doc)))


def test_a_pattern_it_cannot_read_leaves_matching_to_spacy() -> None:
    ruler = nlp.IndexedAttributeRuler(nlp.load().vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], {"LEMMA": "x"})
    assert not ruler._readable
    doc = nlp.load().make_doc("very very good")
    doc[2].tag_ = "JJ"
    assert [(start, end) for _, _, start, end in ruler.match(doc)] == [(0, 3), (1, 3)]
