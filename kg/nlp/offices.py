"""Office titles around person mentions: the role a person holds and the state they act for.

Parsing only; the ``policykg_offices`` component that applies it to each person mention,
and falls back on the document's context, is in ``kg.nlp.office_linker``.

Patterns (all over tokens, around each ``pkg_persons`` span):

- title before the name: "US Secretary of State Antony Blinken", "Japanese Foreign Minister
  Yoshimasa Hayashi", "Chairman of the Council of Ministers of the Soviet Union Alexei
  Kosygin", "India's petroleum minister Mani Shankar Aiyar";
- title in apposition before: "The Turkish economics minister, Ali Babacan, said";
- title after the name: "Fumio Kishida, Japan's prime minister", "Rodrigo de Rato, the
  IMF's managing director", a signature block "Hun Manet\\nPrime Minister of Cambodia";
- the country after the name: "President Niinistö of Finland", "Putin's Russia", "signed
  ... on behalf of Bahrain".

The role is the title as written without the country word; the country comes from a
demonym, a possessive, an "of COUNTRY" or a country word before the title. Officers of
companies and international bodies get no country from their title.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

HEADS = {
    "president", "president-elect", "minister", "ministers", "secretary", "secretary-general",
    "chancellor", "king", "queen", "emperor", "empress", "prince", "princess", "emir",
    "amir", "sultan", "shah", "pope", "shogun", "shōgun", "tsar", "czar", "kaiser",
    "monarch", "regent", "chairman", "chairwoman", "chairperson", "ceo", "director",
    "director-general", "governor", "senator", "ambassador", "envoy", "representative",
    "spokesperson", "spokesman", "spokeswoman", "commodore", "admiral", "general",
    "colonel", "commander", "leader", "negotiator", "mayor", "speaker", "adviser",
    "advisor", "commissioner", "premier", "delegate", "consul", "undersecretary",
    "lieutenant", "captain", "marshal", "taoiseach", "officer", "diplomat",
    "chief", "head", "executive", "founder", "chair", "counsellor", "counselor",
    "counterpart", "counterparts", "official", "sen.", "rep.", "gov.", "amb.",
    "spokesman", "correspondent", "analyst", "member", "congressman", "congresswoman",
}
# Offices held in another state: "Ambassador to Japan" acts for the sending state.
POSTED_HEADS = {"ambassador", "envoy", "representative", "consul", "ambassador-designate"}
# Heads that tie a person to a state but name no office: "his Chinese counterpart Wang Yi".
NO_ROLE_HEADS = {"counterpart", "counterparts"}
MODIFIERS = {
    "vice", "deputy", "acting", "first", "special", "senior", "chief", "assistant", "under",
    "associate", "executive", "principal", "permanent", "interim", "incoming", "outgoing",
    "former", "then", "presidential", "crown", "general", "managing", "prime", "grand",
    "top", "lead", "high", "supreme", "foreign", "defence", "defense", "energy", "state",
    "external", "affairs", "home", "interior", "finance", "trade", "economy", "economics",
    "justice", "health", "education", "climate", "security", "national", "intelligence",
    "treasury", "planning", "commerce", "industry", "agriculture", "transport",
    "environment", "labour", "labor", "information", "culture", "development",
    "international", "cooperation", "homeland", "veterans",
    "oil", "petroleum", "press", "public", "european", "affair", "cabinet", "party",
    "nuclear", "science", "technology", "water", "resources", "digital", "budget",
    "communications", "joint", "chiefs", "staff", "policy", "mines", "fisheries", "labor",
    "field", "air", "rear", "brigadier", "major",
}
# Title-case words allowed in an "of ..." complement besides MODIFIERS.
COMPLEMENT_WORDS = {"council", "communist", "party", "union", "staff", "chiefs", "joint",
                    "europe", "climate", "ministers", "commerce", "treasury", "war",
                    "navy", "air", "force", "armed", "forces", "the", "and"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "prof",
              "prof.", "madam", "lord", "lady", "h.e.", "excellency", "his", "her", "shri",
              "smt", "smt.", "shrimati", "hon", "hon.", "eminence", "highness", "majesty",
              # religious titles are forms of address, not offices: "Supreme Leader
              # Ayatollah Ali Khamenei" holds the office of Supreme Leader
              "ayatollah", "imam", "sheikh", "sheikha", "rabbi", "reverend", "rev."}
# Heads of the names of a state's own bodies, whose holders act for that state.
NATIONAL_BODIES = {"party", "government", "ministry", "parliament", "assembly", "cabinet",
                   "congress", "senate"}
# Words between a country and a title: "United States Navy Commodore", "Palestinian
# Authority Prime Minister".
BETWEEN_WORDS = {"navy", "army", "air", "force", "authority", "government", "marine",
                 "corps", "coast", "guard", "military", "armed", "forces", "federal"}
# Officers of companies and bodies: no country from the title.
BUSINESS_HEADS = {"chairman", "chairwoman", "chairperson", "ceo", "director", "executive",
                  "founder", "officer", "chair", "director-general", "managing"}
DROP_FROM_ROLE = {"the", "a", "an"}
DROP_ANYWHERE = {"then"}  # "former president" is the office the text gives
# Ranks of nobility: no office when another title precedes them ("Energy Minister Prince
# Abdulaziz"), and they yield to an office after the name ("Prince Faisal, ... minister").
NOBLE_TITLES = {"prince", "princess", "sheikh", "sheikha", "emir", "king", "queen", "lord",
                "lady", "sir", "dame"}
WINDOW = 12
# Seats of government that stand for a state in titles ("White House spokesman").
GOVERNMENT_BODIES = {"white house": "US", "pentagon": "US", "state department": "US",
                     "department of state": "US",
                     "kremlin": "RU", "downing street": "GB", "élysée": "FR",
                     "elysee": "FR", "quai d'orsay": "FR", "blue house": "KR"}
TITLE_WORDS = HEADS | MODIFIERS | HONORIFICS


@dataclass
class Office:
    """A title found next to a person mention."""

    role: str
    country: str | None = None  # ISO code the text ties to the title
    org: bool = False  # the title belongs to an organization, not a state
    business: bool = False
    rule: str = ""  # how the title was found ("role.title-before", ...)
    country_rule: str = ""  # how the state was found ("state.title", "state.context", ...)


def country_index(doc: Doc) -> tuple[dict[int, Span], dict[int, Span]]:
    """Country spans by start and by end token index."""
    by_start, by_end = {}, {}
    for span in doc.spans.get("pkg_countries", []):
        by_start.setdefault(span.start, span)
        by_end.setdefault(span.end, span)
    return by_start, by_end


def country_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside country spans."""
    return {i for s in doc.spans.get("pkg_countries", []) for i in range(s.start, s.end)}


def skip_honorifics_back(doc: Doc, start: int) -> int:
    """The start of a name with the honorifics before it: "H.E. Dr. | Mohamed Muizzu"."""
    while start > 0 and doc[start - 1].lower_ in HONORIFICS:
        start -= 1
    return start


def is_head(tok: Token) -> bool:
    return tok.lower_ in HEADS


def _modifier(tok: Token) -> bool:
    if tok.lower_ in MODIFIERS or tok.lower_ in HEADS:
        return True
    # lower-case nouns that modify the title: "petroleum minister", "delegation
    # representative" (not "with deep appreciation President X"); adjectives only from
    # the list above, so no "new", "hard-right" or "beloved" gets into a role
    return (tok.is_lower and tok.is_alpha and tok.pos_ == "NOUN"
            and tok.dep_ in {"compound", "nmod"} and tok.head.i > tok.i)


class TitleParser:
    """Parses office titles forward from a token; knows the doc's country spans."""

    def __init__(self, doc: Doc, blocked: set[int] = frozenset()) -> None:
        self.doc = doc
        self.by_start, self.by_end = country_index(doc)
        self.blocked = blocked  # token indices of person names: never part of a title

    def parse(self, i: int, limit: int) -> tuple[int, Office] | None:
        """A title starting at ``i`` and ending at or before ``limit``: (end, office)."""
        doc, end, words = self.doc, None, []
        k = i
        while k < limit and k not in self.blocked and k not in self.by_start:
            if _modifier(doc[k]) and (doc[k].is_lower or doc[k].is_title or doc[k].is_upper):
                k += 1
                if is_head(doc[k - 1]) and _head_ok(doc[k - 1]):
                    end = k
            elif doc[k].lower_ == "and" and end == k and k + 1 < limit and doc[k + 1].is_title:
                k += 1  # "Crown Prince and Prime Minister"
            elif doc[k].text == "-" and k > i and k + 1 < limit and _modifier(doc[k + 1]) \
                    and not doc[k].whitespace_ and not doc[k - 1].whitespace_:
                k += 1  # "Secretary-General", "Vice-President"
            else:
                break
        if end is None:
            return None
        office = Office(role="")
        role_end, end = self._complement(end, limit, office)
        words = [t for t in doc[i:role_end] if not t.is_space and t.lower_ not in DROP_ANYWHERE]
        while words and words[0].lower_ in DROP_FROM_ROLE:
            words = words[1:]
        if len(words) > 1 and words[-1].lower_ in NOBLE_TITLES and is_head(words[-2]):
            words = words[:-1]  # "Energy Minister Prince Abdulaziz": the office is minister
        office.role = " ".join("".join(t.text_with_ws for t in words).split())
        if words and words[-1].lower_ in NO_ROLE_HEADS:
            office.role = ""
        office.business = any(t.lower_ in BUSINESS_HEADS for t in doc[i:end])
        return end, office

    def _complement(self, h: int, limit: int, office: Office) -> tuple[int, int]:
        """Extend over "of the Council of Ministers", "for Climate"; a final "of
        [the] COUNTRY" sets the country and is left out of the role.
        Returns (end of the role words, end of the title including the country)."""
        doc = self.doc
        if h + 1 < limit and doc[h].lower_ == "to" and doc[h - 1].lower_ in POSTED_HEADS:
            k = h + 1 + (doc[h + 1].lower_ == "the")
            if k in self.by_start and self.by_start[k].end <= limit:
                # "U.S. Ambassador to Costa Rica X": the host state is where the office
                # is held, not the state it is held for
                return h, self.by_start[k].end
        while h < limit and doc[h].lower_ in {"of", "for"}:
            k = h + 1
            if k < limit and doc[k].lower_ == "the":
                k += 1
            if k in self.by_start:
                country = self.by_start[k]
                if country.end <= limit:
                    office.country = country.label_
                    return h, country.end
                return h, h
            m = k
            while m < limit and m not in self.blocked and m not in self.by_start and (
                    doc[m].lower_ in MODIFIERS or doc[m].lower_ in COMPLEMENT_WORDS
                    or doc[m].is_title or doc[m].is_upper) and not doc[m].is_punct:
                m += 1
            while m > k and doc[m - 1].lower_ in {"the", "and"}:
                m -= 1
            if m == k or (m < len(doc) and doc[m].is_lower and doc[m].pos_ == "NOUN"):
                return h, h  # "a negotiator of the ABM treaty": not part of the title
            if any(t.is_title and t.lower_ not in MODIFIERS and t.lower_ not in COMPLEMENT_WORDS
                   for t in doc[k:m]):
                office.org = True
            h = m
        return h, h

    def before(self, start: int) -> tuple[int, Office] | None:
        """The title that ends right before ``start`` (a name), leftmost start first."""
        lo = max(self.doc[start].sent.start if start < len(self.doc) else 0, start - WINDOW)
        for i in range(lo, start):
            found = self.parse(i, start)
            if found and found[0] == start:
                self._left_context(i, found[1])
                return i, found[1]
        return None

    def _left_context(self, i: int, office: Office) -> None:
        """Country or organization written before a title."""
        doc, j, skipped = self.doc, i, 0
        while j > 0:
            if doc[j - 1].text in {"'s", "’s", "'", "’"}:
                j -= 1
            span = self.by_end.get(j)
            if span is not None:
                if office.country is None and not office.business:
                    office.country = span.label_
                return
            prev = doc[j - 1]
            if skipped < 3 and (prev.is_title and prev.lower_ in BETWEEN_WORDS or
                                prev.is_lower and prev.pos_ == "ADJ"):  # "X's new president"
                j, skipped = j - 1, skipped + 1
                continue
            body = next((GOVERNMENT_BODIES[doc[k:j].text.lower()] for k in (j - 1, j - 2)
                         if k >= 0 and doc[k:j].text.lower() in GOVERNMENT_BODIES), None)
            if body and office.country is None and not office.business:
                office.country = body  # "Kremlin spokesman Dmitry Peskov"
                return
            if (prev.is_title or prev.is_upper) and prev.is_alpha and prev.pos_ == "PROPN":
                office.org = True  # "IMF managing director", "Hamas delegation ..."
            return

    def after(self, end: int) -> Office | None:
        """A title after a name: ", Japan's prime minister", "\\nPrime Minister of X"."""
        doc = self.doc
        j = end
        if j >= len(doc) or not (doc[j].text == "," or doc[j].is_space):
            return None
        j += 1
        if j < len(doc) and doc[j].lower_ in {"the", "a", "an"}:
            j += 1
        country, org = None, False
        if j in self.by_start:
            span = self.by_start[j]
            country, j = span.label_, span.end
        else:  # "the IMF's managing director", "a White House spokesman"
            k = j
            while k < len(doc) and k - j < 4 and doc[k].pos_ == "PROPN" and \
                    doc[k].lower_ not in TITLE_WORDS and (doc[k].is_title or doc[k].is_upper):
                k += 1
            if k > j:
                country = GOVERNMENT_BODIES.get(doc[j:k].text.lower())
                org, j = country is None, k
        if j < len(doc) and doc[j].text in {"'s", "’s"}:
            j += 1
        j = _skip_adjectives(doc, j)  # ", the hard-right finance minister"
        found = self.parse(j, min(len(doc), j + WINDOW))
        if found is None:
            return None
        stop, office = found
        if stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title and \
                doc[stop].lower_ not in TITLE_WORDS | COMPLEMENT_WORDS:
            return None  # "Biden, President Petro": the title is the next person's
        office.org = office.org or org
        if office.country is None and not office.business:
            office.country = country
        return office

    def apposition_before(self, name: Span) -> tuple[int, Office] | None:
        """"The Turkish economics minister, Ali Babacan," or "The shōgun himself, X";
        not "with the Prime Minister, Biden said" (there the name is a subject)."""
        # "President of the Republic of Maldives, H.E. Dr. Mohamed Muizzu"
        doc, start = self.doc, skip_honorifics_back(self.doc, name.start)
        j = start - 1
        if j < 1 or doc[j].text != ",":
            return None
        if doc[j - 1].lower_ in {"himself", "herself"}:
            j -= 1
        found = self.before(j)
        if found is None:
            return None
        i, office = found
        heads = [t for t in doc[i:j] if is_head(t)]
        if name.root.dep_ in {"nsubj", "nsubjpass"} and not any(
                h.dep_ == "appos" for h in heads):
            return None
        return i, office


def _skip_adjectives(doc: Doc, j: int) -> int:
    """Past lower-case adjectives that are not title words ("new", "hard-right")."""
    while j + 1 < len(doc):
        if doc[j].is_lower and doc[j].pos_ in {"ADJ", "ADV"} and not _modifier(doc[j]):
            j += 1
        elif doc[j].text == "-" and not doc[j].whitespace_ and doc[j + 1].is_lower:
            j += 2  # the rest of a compound adjective: "far-right", "long-time"
        else:
            break
    return j


def _head_ok(tok: Token) -> bool:
    """A head word used as a noun, not "general" in "in general" or "head" as a verb."""
    return tok.pos_ in {"NOUN", "PROPN"} or tok.is_title


def country_before_name(doc: Doc, start: int, by_end: dict[int, Span]) -> str | None:
    """"Ukrainian Zelenskyy", "Russia's Putin"."""
    if start > 0 and doc[start - 1].text in {"'s", "’s"}:
        start -= 1
    return by_end[start].label_ if start in by_end else None


def country_after_name(doc: Doc, end: int, by_start: dict[int, Span]) -> str | None:
    """"President Niinistö of Finland", "Putin's Russia", "General Secretary Nguyen Phu
    Trong of the Communist Party of Vietnam"."""
    j = end
    if j < len(doc) and doc[j].lower_ == "of":
        k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        if k in by_start:
            return by_start[k].label_
        return _national_body_country(doc, k, by_start)
    if j < len(doc) and doc[j].text in {"'s", "’s"} and j + 1 in by_start:
        return by_start[j + 1].label_
    return None


def _national_body_country(doc: Doc, k: int, by_start: dict[int, Span]) -> str | None:
    """The country ending a state body's name that starts at ``k``: "Communist Party of
    Vietnam", "National Assembly of Pakistan" (not "Council of the European Union")."""
    body = False
    for m in range(k, min(k + 5, len(doc) - 1)):
        tok = doc[m]
        if tok.lower_ == "of" and m > k:
            c = m + 1 + (doc[m + 1].lower_ == "the")
            return by_start[c].label_ if body and c in by_start else None
        if not tok.is_title:
            return None
        body = body or tok.lower_ in NATIONAL_BODIES
    return None


def on_behalf_of(span: Span, by_start: dict[int, Span]) -> str | None:
    """"X signed the Accords on behalf of Bahrain" (same sentence, after the name)."""
    doc, sent = span.doc, span.sent
    for i in range(span.end, sent.end - 2):
        if doc[i].lower_ == "on" and doc[i + 1].lower_ == "behalf" and doc[i + 2].lower_ == "of":
            k = i + 3 + (i + 3 < sent.end and doc[i + 3].lower_ == "the")
            return by_start[k].label_ if k in by_start else None
    return None


def bracketed_country(doc: Doc, end: int, by_start: dict[int, Span]) -> str | None:
    """"Foreign Minister X (Costa Rica)": a state alone in brackets right after a name."""
    if end + 2 < len(doc) and doc[end].text == "(" and end + 1 in by_start:
        span = by_start[end + 1]
        if span.end < len(doc) and doc[span.end].text == ")":
            return span.label_
    return None
