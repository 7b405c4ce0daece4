"""Rebuild the reporting-cue lexicon (``rag/lexicons/cues.tsv``) from PolNeAR's annotated cues.

    python -m evals.cue_lexicon --corpus ../shared/polnear --split train

For every annotated cue the head word of its span in spaCy's parse (the word whose syntactic head lies
outside the span) is counted by lemma and part of speech, as is every occurrence of that lemma and part of
speech in the split. Words inside an annotated content are not counted: PolNeAR annotates one level of
attribution only (a word belongs to at most one), so a cue nested in a quotation could not be annotated.
The file keeps lemmas, parts of speech and counts only, never article text.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from evals.polnear import Article, argument_parser, articles_or_error
from rag.attribution import parsed_sentences
from rag.attribution.lexicon import ALL, CUES_PATH, FRAMED, CueEntry, write_cues
from rag.attribution.parse import noun_frame, verb_frame

# Lemmas heading fewer annotated cues than this are left out (typos, one-off phrasings).
MIN_CUES = 2
_CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP"})


def count_cues(articles: list[Article]) -> list[CueEntry]:
    """Per (lemma, part of speech, structure): how often it is an annotated cue, and how often it occurs."""
    cues: Counter[tuple[str, str, str]] = Counter()
    seen: Counter[tuple[str, str, str]] = Counter()
    for article in articles:
        cue_of: dict[int, int] = {}
        content: set[int] = set()
        for number, gold in enumerate(article.attributions):
            for start, end in gold.cue:
                cue_of.update(dict.fromkeys(range(start, end), number))
            for start, end in gold.content:
                content.update(range(start, end))
        heads: dict[int, tuple[int, str, str]] = {}
        for _, (start, _), sent in parsed_sentences(article.text):
            for token in sent:
                lemma, pos = token.lemma_.lower(), token.pos_
                seen[(lemma, pos, ALL)] += 1
                number = cue_of.get(start + token.idx)
                if number is None and start + token.idx in content:
                    continue  # inside annotated content: one level only is annotated (univocal)
                frame = verb_frame(token, sent, start) if pos == "VERB" else None
                frame = noun_frame(token, sent, start) if pos == "NOUN" else frame
                if frame is not None:
                    for structure in (FRAMED, frame.structure, f"{frame.structure}/{frame.speaker}"):
                        seen[(lemma, pos, structure)] += 1
                        cues[(lemma, pos, structure)] += number is not None
                if number is None or pos not in _CUE_POS:
                    continue
                # The cue's head: the word whose syntactic head lies outside the cue.
                depth = int(token.head is not token and cue_of.get(start + token.head.idx) == number)
                if number not in heads or depth < heads[number][0]:
                    heads[number] = (depth, lemma, pos)
        for _, lemma, pos in heads.values():
            cues[(lemma, pos, ALL)] += 1
    keep = {(lemma, pos) for (lemma, pos, structure), n in cues.items() if structure == ALL and n >= MIN_CUES}
    return [
        CueEntry(lemma, pos, structure, cues[key], seen[key])
        for key in sorted(cues, key=lambda k: (-cues[(k[0], k[1], ALL)], k))
        if (lemma := key[0], pos := key[1], structure := key[2]) and (lemma, pos) in keep
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argument_parser(__doc__.split("\n\n")[0], "train")
    parser.add_argument("--out", type=Path, default=CUES_PATH, help=f"where to write (default: {CUES_PATH})")
    args = parser.parse_args(argv)
    articles = articles_or_error(args)
    if articles is None:
        return 2
    entries = count_cues(articles)
    write_cues(entries, args.out)
    print(f"wrote {len(entries)} cue lemmas to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
