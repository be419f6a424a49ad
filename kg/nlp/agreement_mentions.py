"""Agreement mentions (see ``agreements.py``): noun phrases headed by an agreement word,
names the text says an agreement is known by, acronyms the text defines for them, and
"it" where its clause is about an agreement.

What is done to each mention is in ``kg.nlp.agreement_actions``; coreference in
``kg.nlp.agreement_coref``; parties in ``kg.nlp.agreement_parties``; durations and money
in ``kg.nlp.agreement_facts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.nlp.agreement_actions import actions

YEAR = re.compile(r"^(1[6-9]|20)\d\d$")
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "our", "such", "his",
            "her", "your", "both"}
INDEFINITE = {"a", "an", "another", "any", "some"}


class Lexicon:
    """The word lists of ``policykg.agreement_words.v1`` as sets."""

    def __init__(self, words: dict) -> None:
        self.heads = set(words["heads"])
        self.weak_heads = set(words["weak_heads"])
        self.signed_only = set(words.get("signed_only_heads", ()))
        self.actions: dict[str, str] = words["actions"]
        self.nominals: dict[str, str] = words["nominals"]
        self.basis_preps = set(words["basis_preps"])
        self.basis_nouns = set(words["basis_nouns"])
        self.distinct = set(words["distinct"])
        self.contrast = [set(group) for group in words["contrast"]]
        self.collective = set(words["collective"])
        self.quantity = set(words["quantity"])
        self.combining = words["combining_forms"]


@dataclass
class Mention:
    head: Token
    span: Span  # the phrase used as label: modifiers, head, its "of/on/between" complements
    named: bool = False
    kind: str = "indefinite"  # named | definite | indefinite | acronym | pronoun
    plural: bool = False
    nested: bool = False  # inside another agreement's phrase ("Protocols to the Treaty")
    year: str | None = None
    marks: set = field(default_factory=set)
    actions: list = field(default_factory=list)  # (status, token, verbal: bool)
    acronyms: set = field(default_factory=set)
    parties: tuple | None = None  # cache of agreement_parties.mention_parties
    quantities: tuple | None = None  # cache of agreement_facts.quantities


@dataclass
class Cluster:
    mentions: list[Mention]
    parties: dict = field(default_factory=dict)  # filled by agreement_parties.attach

    @property
    def first(self) -> Mention:
        return self.mentions[0]


# Verbs that give an agreement another name: "commonly known as", "also called".
KNOWN_AS = {"know", "call", "name", "dub", "refer", "title"}
NAME_PREPS = ("on", "of", "for", "against")  # "Treaty on the ...", "Protocol Against ..."
NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj"}


# -- 1. mentions -----------------------------------------------------------------------
def _is_head(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if tok.pos_ not in ("NOUN", "PROPN") and low not in ("mou",) and not _nominal_verb(tok):
        return False
    if low == "terms" and tok.nbor(1).lower_ == "of" if tok.i + 1 < len(tok.doc) else False:
        return tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ == "reference"
    lemma = tok.lemma_.lower()
    if lemma == "deal" and _quantity_idiom(tok):
        return False
    if low in lex.heads or lemma in lex.heads:
        return not (tok.dep_ == "compound" and tok.head.lemma_.lower() not in lex.nominals
                    and not tok.head.text.isupper())
    if lemma in lex.weak_heads:
        if tok.is_title and _capitalised_left(tok) and not title_case_line(tok):
            return True
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        return lemma in ("framework", "understanding") and verb.lemma_ in ("agree", "reach",
                                                                           "sign")
    return False


def _nominal_verb(tok: Token) -> bool:
    """A noun the tagger took for a verb but the parser used as one: "signed a 30-year
    natural gas supply deal" (a determiner and a nominal relation)."""
    return tok.pos_ == "VERB" and tok.dep_ in NOMINAL_DEPS and any(
        c.dep_ == "det" for c in tok.children)


def _quantity_idiom(tok: Token) -> bool:
    """"a great deal of goodwill", "discussed a great deal", "a good deal of": an amount."""
    adjectives = {c.lower_ for c in tok.children if c.dep_ == "amod"}
    following = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    return "great" in adjectives or "good" in adjectives and following == "of"


def _capitalised_left(tok: Token) -> bool:
    return any(c.text[:1].isupper() and c.dep_ in ("compound", "amod", "nmod", "poss")
               for c in tok.lefts)


def title_case_line(tok: Token) -> bool:
    """A headline in title case, where every noun is capitalised (a sentence ending in a
    full stop is none, however many names and titles it holds)."""
    sent = tok.sent
    if sent.text.rstrip().endswith("."):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) >= 0.8 * len(words)


def find_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    mentions = [_mention(tok, lex) for tok in doc if _is_head(tok, lex)]
    mentions = sorted(mentions + _known_as_names(mentions, lex), key=lambda m: m.head.i)
    _mark_nested(mentions)
    doc.user_data["pkg_agreement_spans"] = [(m.span.start, m.span.end) for m in mentions]
    mentions += _acronym_mentions(doc, mentions)
    mentions += _pronoun_mentions(doc, mentions, lex)
    for m in mentions:
        m.actions = actions(m, lex)
    return sorted(mentions, key=lambda m: m.head.i)


def _known_as_names(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """"The Joint Comprehensive Plan of Action (JCPOA), commonly known as the Iran nuclear
    deal": a name that the text says is known as an agreement names one, whatever its
    head word."""
    heads = {m.head.i for m in mentions}
    out = []
    for m in mentions:
        name = known_as_target(m.head)
        if name is not None and name.i not in heads and name.is_title and name.pos_ in ("PROPN", "NOUN") \
                and _capitalised_left(name):
            named = _mention(name, lex)
            named.named, named.kind = True, "named"
            out.append(named)
            heads.add(name.i)
    return out


def known_as_target(tok: Token) -> Token | None:
    """The noun "X" of "X, commonly known as <tok>" (also "called", "dubbed", ...)."""
    prep = tok.head
    verb = prep.head
    if tok.dep_ == "pobj" and prep.lower_ == "as" and verb.lemma_ in KNOWN_AS \
            and verb.dep_ == "acl":
        return verb.head
    return None


def after_bracket(m: Mention) -> bool:
    """The mention opens a bracket: "the Russians (Treaty of Shimoda, 1855)"."""
    return m.span.start > 0 and m.head.doc[m.span.start - 1].text == "("


def _mention(head: Token, lex: Lexicon) -> Mention:
    doc = head.doc
    lefts = [c for c in head.lefts if not c.is_punct or c.text in ("-", "–")]
    start = min([c.left_edge.i for c in lefts] + [head.i])
    verbs = [c.i for c in lefts if c.pos_ in ("VERB", "AUX")]
    if title_case_line(head):  # in title case the tagger may take the verb for a name word
        verbs += [t.i for t in doc[start:head.i] if _headline_verb(t, lex)]
    if verbs:  # a headline parsed as one phrase: "Saudi Arabia and Pakistan sign ... pact"
        start = max(verbs) + 1
    for tok in doc[start:head.i]:
        if "\n" in tok.text_with_ws:  # a heading glued to the next line
            start = tok.i + 1
    opened = [t.i for t in doc[start:head.i] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:head.i]):
        start = opened[-1] + 1  # "the United Kingdom (Anglo-Japanese Friendship Treaty"
    while start < head.i and (doc[start].is_punct or doc[start].tag_ == "POS"):
        start += 1
    end = _right_edge(head)
    m = Mention(head, doc[start:end])
    det = next((c.lower_ for c in head.lefts if c.dep_ in ("det", "poss")), None)
    proper_chain = sum(1 for c in head.lefts if c.text[:1].isupper() and c.dep_ == "compound")
    m.named = _is_named(head, start, end) and (det not in INDEFINITE or proper_chain >= 2)
    m.kind = "named" if m.named else "definite" if det in DEFINITE or (
        det is not None and det not in INDEFINITE) else "indefinite"
    m.plural = head.tag_ in ("NNS", "NNPS") and not m.named
    words = {t.lower_ for t in doc[start:end]}
    m.marks = words & (lex.distinct | set().union(*lex.contrast))
    m.year = _year(m)
    m.acronyms = _defined_acronyms(m)
    return m


def _headline_verb(tok: Token, lex: Lexicon) -> bool:
    """"Reach" in "United States and EU Reach Agreement to Address ...": a verb of acting
    on agreements, in the present tense of headlines."""
    low = tok.lower_
    return any(form in lex.actions for form in (low, low[:-1], low[:-2]) if form) \
        and low not in ("accord", "accords") and tok.i > tok.sent.start


def _right_edge(head: Token) -> int:
    """End of the phrase: "of/on/between/with/for/to" complements, "in principle", acl."""
    end = head.i + 1
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "between", "with", "for", "to",
                                             "concerning", "covering", "regarding", "in"):
            if c.lower_ == "in" and not any(g.lower_ == "principle" for g in c.children):
                break
            end = c.right_edge.i + 1
        elif c.dep_ == "acl" and c.tag_ in ("VBG", "TO", "VB") or c.dep_ == "acl" and any(
                g.tag_ == "TO" for g in c.lefts):
            end = c.right_edge.i + 1
        elif c.dep_ in ("appos", "compound") and c.text.isupper():
            end = c.i + 1
        elif not c.is_punct or c.text not in ("(", ")", '"', "'", "\u201c", "\u201d"):
            break
    if end == head.i + 1 and head.is_title:
        end = _name_tail(head.doc, end)
    return min(end, head.i + 25)


def _name_tail(doc: Doc, end: int) -> int:
    """The rest of a name the parser hung elsewhere: "join the Treaty | on the Prohibition
    of Nuclear Weapons" ("on" attached to "join")."""
    if end + 1 >= len(doc) or doc[end].lower_ not in NAME_PREPS:
        return end
    k = end + 1
    while k < len(doc) and doc[k].ent_type_ not in ("DATE", "TIME") and (
            doc[k].is_title or _joins_name(doc, k)):
        k += 1
    return k if any(t.is_title for t in doc[end + 1:k]) else end


def _joins_name(doc: Doc, k: int) -> bool:
    """A small word inside a name, before its next capitalised word: "of the Child",
    "Non-Proliferation"."""
    tok = doc[k]
    if tok.text in ("-", "–"):
        return not tok.whitespace_ and k + 1 < len(doc) and doc[k + 1].is_title
    if tok.lower_ not in ("the", "and", *NAME_PREPS):
        return False
    nxt = k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
    return nxt < len(doc) and doc[nxt].is_title


def _is_named(head: Token, start: int, end: int) -> bool:
    lefts = [c for c in head.lefts if c.i >= start]  # not a headline's subject and verb
    if not head.is_title or title_case_line(head) and not any(
            c.text[:1].isupper() and c.dep_ == "compound" and len(c) > 1 for c in lefts):
        return False
    if any(YEAR.match(c.text) for c in lefts):
        return True  # "the 1974 Protocol"
    if any(c.text[:1].isupper() and c.dep_ in ("compound", "amod", "nmod", "poss")
           for c in lefts):
        return not all(c.i == head.sent.start for c in lefts if c.text[:1].isupper())
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.text[:1].isupper() for g in c.children) for c in head.rights) or (
        head.i + 2 < end and head.nbor(1).lower_ in NAME_PREPS
        and head.nbor(1).head.i != head.i and _name_tail(head.doc, head.i + 1) > head.i + 1)


def _year(m: Mention) -> str | None:
    for tok in m.span:
        if YEAR.match(tok.text):
            return tok.text
    for c in m.head.rights:  # "the Harris Treaty of 1858", "(Treaty of Shimoda, 1855)"
        for t in c.subtree:
            if YEAR.match(t.text) and t.i - m.head.i < 8:
                return t.text
    return _bracketed_date_year(m)


def _bracketed_date_year(m: Mention) -> str | None:
    """The year closing a bracketed name: "(Treaty of Amity and Commerce between France and
    Japan, October 9, 1858)"."""
    doc = m.head.doc
    opened = next((t.i for t in reversed(doc[max(m.span.start - 3, 0):m.head.i + 1])
                   if t.text == "("), None)
    if opened is None:
        return None
    for t in doc[m.span.end:min(m.span.end + 8, len(doc))]:
        if t.text == ")":
            return None
        if YEAR.match(t.text) and t.ent_type_ == "DATE":
            return t.text
    return None


def _defined_acronyms(m: Mention) -> set[str]:
    """"(ABM Treaty or ABMT)", "(INF)", "agreement COMCASA" after the mention."""
    doc, out = m.head.doc, set()
    # the bracket may end the phrase itself ("Plan of Action (JCPOA"): then only an
    # acronym of the phrase's words, not "(COP 27)" after "... Convention on Climate Change"
    inner = next((t.i for t in m.span if t.text == "(" and t.i > m.head.i), None)
    i = m.span.end if inner is None else inner
    if i < len(doc) and doc[i].text == "(":
        initials = "".join(t.text[0].upper() for t in doc[m.span.start:i] if t.is_alpha)
        for t in doc[i + 1:min(i + 7, len(doc))]:
            if t.text == ")":
                break
            if t.text.isupper() and len(t) > 1 and (inner is None or _letters_in(t.text,
                                                                                 initials)):
                out.add(t.text)
    for c in m.head.children:
        if c.dep_ in ("appos", "compound") and c.text.isupper() and len(c) > 2:
            out.add(c.text)
    return out


def _letters_in(acronym: str, initials: str) -> bool:
    """Every letter of the acronym among the initials, in order: JCPOA in "The Joint
    Comprehensive Plan of Action"."""
    pos = 0
    for letter in acronym:
        pos = initials.find(letter, pos) + 1
        if pos == 0:
            return False
    return True


def _mark_nested(mentions: list[Mention]) -> None:
    """A mention inside another's phrase and below its head ("Protocols to the Treaty")."""
    for m in mentions:
        m.nested = any(o is not m and o.span.start <= m.head.i < o.span.end
                       and o.head.is_ancestor(m.head) for o in mentions)


def _acronym_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    # An acronym the organization component claims ("ASEAN" in "... of the ASEAN
    # Observer Team (AOT)") names a body, not the agreement.
    orgs = {s.text for s in doc.spans.get("pkg_organizations", [])}
    defined = {a for m in mentions for a in m.acronyms} - orgs
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    out = []
    for tok in doc:
        if tok.text in defined and tok.i not in covered and doc[tok.i - 1].text != "(":
            out.append(Mention(tok, doc[tok.i:tok.i + 1], kind="acronym"))
    return out


def _pronoun_mentions(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """"it" when its clause is about an agreement: "Signed in 1972, it was in force"."""
    out = []
    for tok in doc:
        if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        participle = any(c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_ in lex.actions
                         for c in verb.children)
        in_force = any(c.lower_ == "in" and any(g.lower_ == "force" for g in c.children)
                       for c in verb.children)
        passive = tok.dep_ == "nsubjpass" and verb.lemma_ in lex.actions
        recent = any(0 < tok.sent.start - m.head.sent.start < 400 or m.head.sent == tok.sent
                     for m in mentions if m.head.i < tok.i)
        if (participle or in_force or passive) and recent:
            out.append(Mention(tok, doc[tok.i:tok.i + 1], kind="pronoun"))
    return out
