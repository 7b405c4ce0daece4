"""Sentence segmentation with character offsets.

Attribution frames, chunks and the citation guard all reason in sentences, so they share one splitter
whose offsets point into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit, quote or bracket; a line break or a list separator (" · ", as web snippets join
# their items) always ends a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n+|\s+[·•]\s+""")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: ``text == source[start:end]``; ``paragraph`` counts line-separated blocks."""

    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets; blank lines are dropped."""
    sentences: list[Sentence] = []
    paragraph = 0
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match.group() and _ends_with_abbreviation(text[cursor : match.start()]):
            continue
        closing = len(match.group()) - len(match.group().lstrip("\"'”’)]"))  # closing quotes end the sentence
        _append(sentences, text, cursor, match.start() + closing, paragraph)
        if "\n" in match.group():
            paragraph += 1
        cursor = match.end()
    _append(sentences, text, cursor, len(text), paragraph)
    return sentences


def with_fields_joined(text: str) -> str:
    """``text`` with a page's date field label (``field_labels.txt``) ended by a colon where a date follows it
    ("Release date. March 20, 2020" -> "Release date: March 20, 2020"): label and value are one statement, not
    a sentence and a fragment ("He resigned. March 3, 2020." stays). The length is kept, so offsets hold."""
    labels = lexicons.words("field_labels")
    return _FIELD_BEFORE_DATE.sub(lambda m: f"{m[1]}: " if m[1].lower() in labels else m[0], text)


def is_field_date(text: str) -> bool:
    """Is ``text`` a page's date field and its value alone ("Release date: December 1, 2017")?"""
    return _labelled(_FIELD_DATE.match(text.strip().rstrip(" .…")))


def _labelled(field: re.Match[str] | None) -> bool:
    """Is ``field`` (a match of ``_FIELD_DATE``) labelled as a page's date field (``field_labels.txt``)?"""
    return field is not None and field.group(1).lower() in lexicons.words("field_labels")


def _ends_with_abbreviation(span: str) -> bool:
    """Does ``span`` end with an abbreviation, an initial ("J."), or initials after a capitalised word, as in
    a name ("Rep. G.K.", "George H.W.")? Initials after a lower-case word end a sentence ("... in the U.S.")."""
    words = span.rsplit(None, 2)
    if not words:
        return False
    last = words[-1].rstrip(".").lower()
    named = len(words) > 1 and words[-2][:1].isupper() and not words[-2].endswith(",")  # not "Washington, D.C."
    initials = _INITIALS.fullmatch(last) is not None and named
    return last in lexicons.words("abbreviations") or (len(last) == 1 and last.isalpha()) or initials


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")  # "g.k" of "G.K.", its last dot stripped


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end], paragraph))


MAX_QUOTATION_SENTENCES = 4  # a quotation longer than this is taken from its closing sentences only


def _quote_marks(text: str) -> Iterator[tuple[int, int]]:
    """The offset of each quotation mark of ``text`` and whether it opens (1) or closes (-1). A straight double
    quote opens after a space, a bracket, a dash or a colon, or at the start, and after a digit is an inch mark
    ("a 65" screen"), no quote."""
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        if char == "“" or (char == '"' and (before.isspace() or before in "([—–:")):
            yield i, 1
        elif char == "”" or (char == '"' and not before.isdigit()):
            yield i, -1


def _quote_depth(text: str) -> tuple[int, int]:
    """How deep ``text`` leaves quotation (quotes opened and not closed) and how far below zero it went
    (quotes closed that it never opened)."""
    depth = lowest = 0
    for _, step in _quote_marks(text):
        depth += step
        lowest = min(lowest, depth)
    return depth, lowest


def leaves_quotation_open(text: str) -> bool:
    """Does ``text`` open a quotation that it does not close ("“The plan is a fraud.")?"""
    return _quote_depth(text)[0] > 0


def with_quotes_balanced(text: str) -> str:
    """``text`` with its quotation marks in pairs: a sentence cut from a quotation of several is still quoted
    words. One that starts inside a quotation gets the opening mark at its start, or after a snippet's cut
    ("Apr 26, 2021 ... “[about] how ...”"); where an attribution comes first ("According to Ham, none of them
    ...”"), where the words begin is not known, so the closing mark goes instead. One that leaves a quotation
    open has it closed at its end, with the mark it opened with."""
    unmatched = _unmatched_closings(text)
    if unmatched and _ATTRIBUTION_OPENER.search(text[: unmatched[0]]):
        text = "".join(char for i, char in enumerate(text) if i not in unmatched)
    elif unmatched:  # after a cut ("Apr 26, 2021 ... how important play has been,”): the words start there
        cuts = [m.end() for m in ELISION.finditer(text, 0, unmatched[0])]
        at = cuts[-1] + len(text[cuts[-1] :]) - len(text[cuts[-1] :].lstrip()) if cuts else 0
        text = f"{text[:at]}{'“' * len(unmatched)}{text[at:]}"
    opened = [i for i, step in _quote_marks(text) if step > 0]
    closing = '"' if opened and text[opened[-1]] == '"' else "”"  # the mark the quotation opened with
    return text + closing * max(_quote_depth(text)[0], 0)


def _unmatched_closings(text: str) -> list[int]:
    """The offsets of the closing quotation marks of ``text`` that close nothing it opened."""
    depth, unmatched = 0, []
    for i, step in _quote_marks(text):
        if step < 0 and depth == 0:
            unmatched.append(i)
        depth = max(depth + step, 0)
    return unmatched


_ATTRIBUTION_OPENER = re.compile(r"\baccording to [^,“”\"]{1,160},", re.IGNORECASE)


def closes_earlier_quotation(text: str) -> bool:
    """Does ``text`` close a quotation it did not open ("You should give back the money,” Warren said.")?"""
    return _quote_depth(text)[1] < 0


def quotation_start(sentences: Sequence[Sentence], i: int) -> int:
    """The index of the sentence that opens the quotation sentence ``i`` closes, in the same paragraph: the
    nearest one from which the sentences up to ``i`` never close more quotes than they open; ``i`` when the
    sentence closes no quotation opened before it (or its opening is too far back).

    Why: "“You should resign. You should give back the money ...,” Warren told Stumpf." is two sentences; the
    second alone starts mid-quotation and leaves out the first words its speaker said.
    """
    if not closes_earlier_quotation(sentences[i].text):
        return i
    for j in range(i - 1, max(i - MAX_QUOTATION_SENTENCES, -1), -1):
        if sentences[j].paragraph != sentences[i].paragraph:
            break
        if _quote_depth(" ".join(s.text for s in sentences[j : i + 1]))[1] == 0:
            return j
    return i


def whole_quotations(sentences: Sequence[Sentence], source: str) -> list[Sentence]:
    """``sentences`` of ``source`` with each quotation's sentences joined into one (:func:`quotation_start`)."""
    joined: list[tuple[int, Sentence]] = []
    for i, sentence in enumerate(sentences):
        first = quotation_start(sentences, i)
        while joined and joined[-1][0] >= first:
            joined.pop()
        start = sentences[first].start
        joined.append((first, Sentence(start, sentence.end, source[start : sentence.end], sentence.paragraph)))
    return [sentence for _, sentence in joined]


# A sentence that points back at the one before it: "This figure ...", "For this reason, ...", "Such decisions",
# "The source added ...", "He said ...". Alone it says nothing a reader can check.
_DEMONSTRATIVE_NOUN = r"(?:this|these|that|those|such)\s+(?!is\b|was\b|are\b|were\b)[a-z]"  # "This figure"
_POINTING = re.compile(
    r"^(?:(?:but|and|yet|still|however|moreover|meanwhile|furthermore|in addition),?\s+)?"
    r"(?:(?:for|because of|despite|due to|given|in) (?:this|that|these|those|such)\b"
    rf"|{_DEMONSTRATIVE_NOUN}"
    r"|as a result\b|therefore\b|thus\b|hence\b|consequently\b"
    r"|(?:he|she|they|it)\s+(?:also\s+)?(?:said|added|noted|stressed|explained|claimed|emphasi[sz]ed)\b"
    r"|the (?:source|sources|official|officials|agency|report|outlet|representative)\s+(?:also\s+)?"
    r"(?:said|added|noted|stressed|explained|claimed|emphasi[sz]ed|revealed)\b)",
    re.IGNORECASE,
)
_DEMONSTRATIVE = re.compile(_DEMONSTRATIVE_NOUN, re.IGNORECASE)
# "This spring, ...": a time word and a comma (not "This fall in revenue", "This year-long inquiry")
_THIS_TIME = re.compile(r"^(?:(?:but|and|yet|still|meanwhile),?\s+)?this\s+([a-z]+),", re.IGNORECASE)
# A snippet cut off mid-sentence: a truncation mark right after a word ("marking the first time a team ...").
ELISION = re.compile(r"\.\.\.|…")  # where a snippet leaves text out
_TRUNCATED = re.compile(rf"(?<=[\w,;:])\s*(?:{ELISION.pattern})\s*$")
# A snippet that starts mid-sentence: an elision (after a dateline, "Apr 25, 2021 ... ...") before a lower-case word.
_CUT_HEAD = re.compile(
    rf"^(?:[\w ,.]{{0,24}}\d{{4}})?\s*(?:{ELISION.pattern})(?:\s*(?:{ELISION.pattern}))*\s*(?=[a-z])"
)
# A snippet's date before its text: "Apr 26, 2021 ... ".
_DATELINE = re.compile(rf"^[\w ,.]{{0,24}}\d{{4}}\s*(?:{ELISION.pattern})(?:\s*(?:{ELISION.pattern}))*")
# Where a clause starts after a cut head: a coordinator, or a capitalised word after a clause break.
_CLAUSE_OPENING = re.compile(r"((?:and|but|or|yet|so)\s+)?(?:(?:while|as|when|whereas)\s+)?(?=[A-Z“\"'‘])")
# Where a cut-off sentence can end instead: after a clause ("..., the home stadium of the Buccaneers, marking").
_CLAUSE_END = re.compile(r"[,;:—–]\s")
_LEADING = "No|Vol|Vs|Mr|Mrs|Ms|Dr"  # abbreviations that lead a figure or a name, as written
# A last word cut from its phrase: "reprises the role of Diana Prince as ...", "her place as No. ...".
_DANGLING = re.compile(rf"\s+(?:(?i:as|of|in|on|at|to|for|with|by|from|and|or|but|the|a|an)|(?:{_LEADING})\.?)$")
# A snippet that ends on what leads a figure or a name ("... her place as No."): cut, without a mark.
_CUT_AT_ABBREVIATION = re.compile(rf"\s(?:{_LEADING})\.$")
MIN_CLAUSE_WORDS = 5  # a cut-off sentence keeps its complete clauses only when they have this many words
# A page's field and its date (a shop page, an infobox): "Release date. March 20, 2020", "Born. 5 May 1961".
_FULL_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8},? \d{4})"
_FIELD = r"[A-Z][a-z]+(?: [a-z]+){0,2}"  # a label of ``field_labels.txt``, as a page writes it
_FIELD_BEFORE_DATE = re.compile(rf"(?m)(?:^|(?<=[.;|·] ))({_FIELD})\. (?={_FULL_DATE}\s*(?:$|[.;|·…]))")
_FIELD_DATE = re.compile(rf"(?:^|[;|·] )({_FIELD}): {_FULL_DATE}$")


def _reads_whole(body: str) -> bool:
    """Is the part before a truncation mark a whole clause: a verb with its subject, of at least
    ``MIN_CLAUSE_WORDS`` words, ending on a name or a figure ("Joaquin Phoenix wins Best Actor ...")? One that
    ends on an article, a preposition or a verb ("James Cameron is making a ...") was cut, and so may be one
    that ends on a common noun ("... is awarded to the Austrian author ..."), but for one that says when
    ("... won Best Animated Feature at the ceremony Sunday night ...")."""
    if len(body.split()) < MIN_CLAUSE_WORDS:
        return False
    from rag import nlp

    doc = nlp.parse(body, ner=True)
    words = [t for t in doc if not t.is_punct]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or not root.is_alpha or not words:
        return False  # the tagger may take a "|" between title fragments for the verb
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) and not _subordinate(root)
    if _open_clause(doc):
        return False
    last = words[-1]
    named = last.pos_ in ("PROPN", "NUM") or (last.text[:1].isupper() and last.i > 0)  # "wins Best Actor"
    timed = last.dep_ == "npadvmod" or last.ent_type_ in ("DATE", "TIME")  # "... at the ceremony Sunday night"
    return subject and (named or timed) and last.dep_ != "compound"


def _open_clause(doc: Doc) -> bool:
    """Does a clause open after the last verb ("... his family, who in turn, in the course of 1985")? Its verb
    was cut."""
    verbs = [t.i for t in doc if t.pos_ in ("VERB", "AUX")]
    openers = [t.i for t in doc if t.tag_ in ("WP", "WDT", "WP$") or (t.pos_ == "SCONJ" and t.dep_ == "mark")]
    return bool(openers) and (not verbs or openers[-1] > verbs[-1])


def _without_cut_name(body: str) -> str:
    """``body`` without a last conjunct that is a person's one-word name: the cut took the rest of it ("... as
    Diana Prince/Wonder Woman and Patty ..."); a place stays ("between Spain and Portugal ...")."""
    from rag import nlp

    doc = nlp.parse(body, ner=True)
    last = doc[-1] if len(doc) > 1 else None
    if last is None or last.dep_ != "conj" or last.ent_type_ != "PERSON" or last.ent_iob_ != "B":
        return body
    cc = next((t for t in doc[: last.i] if t.dep_ == "cc" and t.head == last.head and t.i == last.i - 1), None)
    return body[: cc.idx].rstrip(" ,") if cc is not None else body


def _without_cut_head(sentence: Sentence, resumed: bool = False) -> Sentence | None:
    """The sentence, or for one a snippet starts mid-sentence ("Apr 25, 2021 ... ... upsets Chadwick Boseman
    to win best actor Oscar, while ...") or ``resumed`` after a cut (:func:`resumes_cut`) its first whole
    clause: after a leading "and" ("... and New Line's movie continues"), else after its first clause break
    ("..., Gal Gadot reprises the role"); None when there is none. The head's subject was cut: who "upsets"
    whom cannot be read from it."""
    head = _CUT_HEAD.match(sentence.text)
    if head is None and not resumed:
        return sentence
    start = head.end() if head is not None else 0
    opening = _CLAUSE_OPENING.match(sentence.text, start)
    if opening is None or not opening.group(1):
        brk = _CLAUSE_END.search(sentence.text, start)
        opening = _CLAUSE_OPENING.match(sentence.text, brk.end()) if brk else None
    if opening is None:
        return None
    rest = Sentence(sentence.start + opening.end(), sentence.end, sentence.text[opening.end() :], sentence.paragraph)
    return rest if _has_clause(_TRUNCATED.sub("", rest.text)) else None


def _has_clause(body: str) -> bool:
    """Does ``body`` have a main verb with its subject?"""
    from rag import nlp

    root = next((t for t in nlp.parse(body) if t.dep_ == "ROOT"), None)
    verb = root is not None and root.pos_ in ("VERB", "AUX") and root.is_alpha
    return verb and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) and not _subordinate(root)


def _adverbial(text: str) -> bool:
    """Is ``text`` an adverbial without the clause it modifies: a phrase led by a preposition ("At the end of
    the day", "With his inventive choices"; not "In 1981 the studio was sold"), a subordinate clause ("If
    this wasn't clear enough") or an infinitive ("To win the Oscar")? Or does it end in a clause whose verb
    was cut ("..., who in turn")? A list of names ("Walter Camp Award, Player of the Year, Baker Mayfield")
    is none."""
    from rag import nlp

    doc = nlp.parse(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    first = doc[0]
    led = first.pos_ in ("ADP", "SCONJ", "PART") and (first == root or first.head == root) and not _has_clause(text)
    return led or root.pos_ in ("ADP", "SCONJ") or _subordinate(root) or _open_clause(doc)


def subordinate_clause(text: str) -> bool:
    """Is ``text`` a subordinate clause without its main one ("Just two days after Harbour Days hit theaters")?"""
    from rag import nlp

    root = next((t for t in nlp.parse(text) if t.dep_ == "ROOT"), None)
    return root is not None and _subordinate(root)


def _subordinate(root: Token) -> bool:
    """Is the clause a subordinate one, its main clause cut ("Just two days after Wonder Woman 1984 hit
    theaters ...")? It says when or why of a statement that is not there."""
    return any(c.pos_ == "SCONJ" and c.dep_ in ("mark", "advmod") and c.i < root.i for c in root.children)


def leans_on_previous(text: str) -> bool:
    """Does the sentence point back at the one before it ("For this reason, ...", "This figure ...")? One
    that opens a quotation with a demonstrative ("''This museum tells the truth ...,'' Mr. Bush declared")
    points at what the speaker stands before, not at the narration before it."""
    words = text.strip(" \"'“‘")
    quoted = opens_quotation(text) and _DEMONSTRATIVE.match(words) is not None
    time = _THIS_TIME.match(words)  # "This spring, ...": the time of writing (``present_times.txt``)
    present = time is not None and time.group(1).lower() in lexicons.words("present_times")
    return _POINTING.match(words) is not None and not quoted and not present


def announces_next(text: str) -> bool:
    """Does the sentence announce words that follow it rather than say them: it ends in a colon ("She wrote:"),
    or its main verb has, asks, sends or issues "a" noun for something said, without its content ("Tina
    Houchins had a question for the president.", not "... a question of trust", "Obama answered the
    question" nor "The company faces a legal challenge"; ``speech_nouns.txt``)?"""
    if text.rstrip().endswith(":"):
        return True
    if any(mark in text for mark in ':“"'):  # the words are in it
        return False
    from rag import nlp

    listed = lexicons.kinds("speech_nouns")
    for token in nlp.parse(text):
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
        verb = token.head
        if not (token.dep_ == "dobj" and indefinite and verb.dep_ == "ROOT"):
            continue
        if listed.get(token.lemma_.lower()) != "noun" or listed.get(verb.lemma_.lower()) != "verb":
            continue
        content = [c for c in token.children if c.dep_ in ("acl", "relcl", "ccomp", "appos")]
        content += [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("that", "of", "about", "on")]
        if not content:
            return True
    return False


def opens_quotation(text: str) -> bool:
    """Does the sentence open with a quotation mark, the words of someone it goes on to name or not?"""
    return text.lstrip()[:1] in "“\"‘'"


def resumes_cut(previous: Sentence | None, sentence: Sentence) -> bool:
    """Does ``sentence`` go on with the one before, which a snippet cut mid-phrase ("... released on ... 2020,
    seeing a delay ...")? The text before the mark ends on a word or a comma, not a snippet's date alone ("Nov
    16, 2020 ..."), and the text after it opens lower case, or with a figure whose phrase has no clause of its
    own up to the first clause break ("2020, seeing ...", not "42 people died in the attack, officials said"):
    what the gap left out ("March 20,") was its subject's or its figure's."""
    text = sentence.text.lstrip()
    cut = previous is not None and _TRUNCATED.search(previous.text) is not None
    if not cut or not text or _DATELINE.fullmatch(previous.text.strip()) or opens_quotation(text):
        return False
    if text[0].isdigit():
        head = _CLAUSE_END.split(text, maxsplit=1)[0]
        return not _has_clause(head)
    return text[0].islower()


def complete_part(sentence: Sentence, resumed: bool = False) -> Sentence | None:
    """The sentence, or for one cut off by a truncation mark its complete clauses; None when none is left.
    One ``resumed`` after a cut (:func:`resumes_cut`) keeps only the whole clauses after its head."""
    sentence = _without_cut_head(sentence, resumed)
    if sentence is None:
        return None
    dateline = _DATELINE.match(sentence.text)
    inner = ELISION.search(sentence.text.rstrip(" .…"), dateline.end() if dateline else 0)
    # in a snippet cut at its end, "... in DC's Shazam ... role of the superhero ...": the text after a gap is
    # another's (an ellipsis in a whole sentence, "We will fight … to the end," stays)
    if inner is not None and _TRUNCATED.search(sentence.text):
        end = inner.end()
        sentence = Sentence(sentence.start, sentence.start + end, sentence.text[:end], sentence.paragraph)
    if not _TRUNCATED.search(sentence.text) and not _CUT_AT_ABBREVIATION.search(sentence.text):
        return sentence
    body = _TRUNCATED.sub("", sentence.text)
    whole = body.rstrip(" ,;:—–")
    while _DANGLING.search(whole):  # "... her place as No ...": each word cut from what it led
        whole = _DANGLING.sub("", whole)
    whole = _without_cut_name(whole)
    if _reads_whole(whole) or _labelled(_FIELD_DATE.search(whole)):  # "Release date: December 1, 2017 ..."
        return Sentence(sentence.start, sentence.start + len(whole), whole, sentence.paragraph)
    ends = [m.start() for m in _CLAUSE_END.finditer(body)]
    while ends and len(body[: ends[-1]].split()) >= MIN_CLAUSE_WORDS:
        end = ends.pop()
        kept = body[:end].rstrip()
        if not _adverbial(kept):
            return Sentence(sentence.start, sentence.start + len(kept), kept, sentence.paragraph)
    return None
