"""What a capitalised name names: a body of people, or a thing, a place or a programme the
statistical tagger took for one ("Initial Public Offering", "Central Africa Standard
Time", "International Monitoring System", "Capitol Hill").

The evidence is general: the name's head noun as WordNet files its senses
(``data/lexicons/noun_classes.v1.json``, built by tools/build_noun_classes.py: a noun with
no sense in noun.group or noun.person names no body), and what the text does with the
name (a body acts: it is the subject of a verb). The noun classes come through the
organization component's config (``policykg.noun_class_words.v1``), as the lexicon's
entries frozen by ``kg.core.lexicons.frozen``: the functions get them as ``classes``.
"""

from __future__ import annotations

from types import SimpleNamespace

from spacy.tokens import Span, Token


def noun_class(text: str, classes: SimpleNamespace) -> str | None:
    """"group", "person", "location" or "other": the class of the noun ``text`` (lower
    case, words separated by spaces), or None when WordNet has no such noun."""
    for name in ("group", "person", "location", "other"):
        if text in getattr(classes, name):
            return name
    return None


def names_a_thing(span: Span, head: Token, heads: set[str], english: frozenset[str],
                  classes: SimpleNamespace) -> str | None:
    """"person" when the whole name is a person's, "thing" when the name or its head noun
    is an English noun that names no body of people, else None.

    The whole name is looked up first: "Capitol Hill" is a place, "White House" a body;
    a one-word name only as a place or a person ("Guayaquil"), or a common noun with a
    determiner ("the Project"), since companies take common nouns for names. A name
    headed by an organization word (``heads``: "Fund", "Office") is never a thing, nor
    one with a coined word ("Acme Aquaculture")."""
    if head.text in heads:
        return None
    whole = noun_class(" ".join(t.lower_ for t in span if not t.is_punct or t.text == "-"),
                       classes)
    if len(span) == 1:
        if span.text.isupper():
            return None
        if whole == "person":
            return "person"
        common = whole == "other" and _common_use(span[0], classes)
        return "thing" if whole == "location" or common else None
    if whole is not None:
        return None if whole == "group" else "person" if whole == "person" else "thing"
    if head.tag_ in ("NN", "NNP") and head.lower_ in classes.people:
        return "person"  # a title: "Canal Administrator" (plural: "Law Lords" is a body)
    cls = noun_class(head.lower_, classes) or noun_class(head.lemma_.lower(), classes)
    return "thing" if cls in ("location", "other") and not any(
        coined(t, english, classes) for t in span) else None


def _common_use(tok: Token, classes: SimpleNamespace) -> bool:
    """A common noun with a determiner or possessive: "the Project", "their Disposal"
    (a company named by a common noun goes bare: "Acme and Airbus")."""
    return tok.lower_ not in classes.proper and any(
        c.dep_ in ("det", "poss") for c in tok.children)


def coined(tok: Token, english: frozenset[str], classes: SimpleNamespace) -> bool:
    """A word of no English word class and no place's name: a company's own name."""
    return tok.is_alpha and not tok.is_upper and tok.lower_ not in english \
        and tok.lemma_.lower() not in english and noun_class(tok.lower_, classes) is None \
        and tok.ent_type_ not in ("GPE", "NORP", "LOC")


def acts(span: Span) -> bool:
    """The name is the subject of a verb: "Acme Aquaculture will invest ..." (not of
    "be": "the Louisiana Purchase was the acquisition ...")."""
    verb = span.root.head
    return span.root.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_ != "be"


def described(span: Span) -> bool:
    """The name takes an indefinite article: "launch a Steel Resilience Package", "sign
    an MOU". A name is of one body; "a" makes it a description of a thing."""
    return _indefinite(span.root)


def _indefinite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


# Prepositions of place that do not take bodies ("a stake in X", "an offer from X" do).
_PLACE_PREPOSITIONS = frozenset({"at", "near", "outside", "around", "across",
                                 "toward", "towards", "into", "through"})


def used_as_place(span: Span, places: frozenset[str]) -> bool:
    """The text uses the name as a place: "fighting at X", "the town of X", "the X
    region": ``places``, the nouns WordNet files first as places). Not "between X and Y":
    accords are made between bodies."""
    root = span.root
    head = root.head
    if root.dep_ == "compound" and head.tag_ == "NN" and head.lower_ in places \
            and any(c.lower_ == "the" for c in head.children):
        return True  # "the X region", not "X sources"
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in _PLACE_PREPOSITIONS or prep.lower_ == "of" \
        and prep.head.lemma_.lower() in places


def said_to_be(span: Span, classes: SimpleNamespace, titles: frozenset[str],
               bodies: frozenset[str]) -> str | None:
    """What the text says the name is, by a common noun in apposition to it ("the X, an
    annual exercise", "an international conference (the X)", "the deputy head of the
    bureau, X") or given it by "be" ("X is a floating terminal"): "person" when the noun
    is a title a person holds (``titles``), "thing" when WordNet gives the noun no sense
    as a body or a person ("exercise", "terminal", "missile") and it is none of the
    words that describe bodies all the same (``bodies``: "bank", "airline", "website"),
    else None."""
    for noun in _describing_nouns(span):
        word = noun.lemma_.lower()
        if (word in titles or noun.lower_ in titles) and _one_office(noun):
            return "person"
        whole = _compound_noun(noun, classes)  # "think tank" is a body, "tank" a thing
        if noun_class(whole or word, classes) in ("location", "other") \
                and word not in classes.proper and word not in bodies \
                and noun.lower_ not in bodies:
            return "thing"
    return None


def _compound_noun(noun: Token, classes: SimpleNamespace) -> str | None:
    """The noun with the word that compounds it when WordNet holds the two as one noun
    ("think tank", "stock exchange")."""
    before = [c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1]
    if not before:
        return None
    whole = f"{before[0].lower_} {noun.lemma_.lower()}"
    return whole if noun_class(whole, classes) is not None else None


def _one_office(noun: Token) -> bool:
    """A title that names one holder ("the deputy head of the bureau", "its leader"), not
    a kind a body may be too ("a member of the alliance", "the world leader in
    solar panels")."""
    return not _indefinite(noun) and not any(c.dep_ == "prep" and c.lower_ == "in"
                                             for c in noun.children)


def _describing_nouns(span: Span) -> list[Token]:
    """Common nouns the text puts beside the name to say what it is."""
    root = span.root
    out = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        out += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return out


def a_persons_name(span: Span, persons: list[Span]) -> bool:
    """A name of several words that is the end of a longer person's name in the text
    ("Y wrote" after "X bin Z Y"): the person, written short. A person's name no longer
    than the name is the tagger's other vote on it ("Al-Shabaab" tagged once as a
    person), not a person (one-word names are ``NameRules._person_word``'s)."""
    words = [t.text for t in span if t.is_alpha]
    return len(span) > 1 and bool(words) and any(
        len(p) > len(span) and [t.text for t in p if t.is_alpha][-len(words):] == words
        and not (p.start < span.end and span.start < p.end) for p in persons)


def attended(span: Span, verbs: frozenset[str]) -> bool:
    """The name is an event's: something attended, hosted or held ("hosted the X Forum",
    "the X Dialogue was held"), or dated right after it where things happen ("said at
    the X Forum Friday"); a body is neither."""
    root, doc = span.root, span.doc
    verb = root.head
    if verb.lemma_.lower() in verbs and root.dep_ in ("dobj", "nsubjpass"):
        # not "hold X responsible", "hold X to its word": a body held to something (the
        # parser hangs the adjective on the verb or, after the name, on the name)
        return not any(c.dep_ in ("acomp", "oprd", "xcomp", "ccomp") or c.lower_ == "to"
                       for c in verb.children) \
            and not any(c.dep_ == "amod" and c.i > root.i for c in root.children)
    after = doc[span.end] if span.end < len(doc) else None
    return root.dep_ == "pobj" and root.head.lower_ in ("at", "during") \
        and after is not None and after.ent_type_ == "DATE" and after.ent_iob_ == "B" \
        and not after.like_num


def a_things_modifier(span: Span, classes: SimpleNamespace) -> bool:
    """The name modifies a common noun WordNet files first as a made thing, a stuff or a
    natural object ("the X launchers", "X crude"; not "the X plant", a body's place): a
    product's name, or a weapon's, a commodity's; or as an idea ("the X pillar", "the X
    doctrine"): a programme's or its part's. A body's name modifies such nouns too ("X
    jets"), so the finder asks it of every mention; acts and words ("the X deal", "the X
    dispute", "X sources": a place first) are modified by bodies."""
    root = span.root
    head = root.head
    if root.dep_ not in ("compound", "nmod") or head.pos_ != "NOUN" or head.i < span.end:
        return False
    word = head.lemma_.lower()
    return word in classes.objects or word in classes.ideas


# Determiners of amounts: "more X", "less X" measure a substance, never a body.
_QUANTIFIERS = frozenset({"more", "less", "much", "fewer", "enough"})


def measured(span: Span) -> bool:
    """The name takes a word of amount, as a substance does: "import more X and Y"."""
    root = span.root
    heads = [root, root.head] if root.dep_ == "conj" else [root]
    return any(c.lower_ in _QUANTIFIERS and c.dep_ in ("amod", "det") and c.i < c.head.i
               for h in heads for c in h.children)
