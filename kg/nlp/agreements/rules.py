"""The names of the agreement rules, with what each reads: the ``pkg:rule`` of a fact
and what ``kg explain`` prints beside it. A rule keeps its name while it keeps its
meaning; a test checks that every name a step produces is listed here."""

from __future__ import annotations

RULES = {
    # parties (kg.nlp.agreements.parties)
    "party.name": "named in the agreement's own name (U.S.-Japan Treaty, Anglo-Japanese ...)",
    "party.possessive": "the owner of the agreement (Turkey's loan agreement)",
    "party.between": "in the agreement's complement: the agreement between A and B",
    "party.with": "in the agreement's complement: a trade protocol with B",
    "party.among": "in the agreement's complement: an accord among A, B and C",
    "party.for": "in the agreement's complement: an agreement for A",
    "party.subject": "the subject of the verb acting on it (A and B signed the treaty)",
    "party.headline": "the states named before the verb of a title-case headline (A, B and C "
                      "Sign X)",
    "party.declarants": "the declaration the document is: the states its 'we' lists (we - the "
                        "presidents of A, B and C)",
    "party.bound": "the one a noun of one bound is said of (A is a signatory to X; A, a party "
                   "to X; as a signatory to X, we ...)",
    "party.agent": "the agent of a passive (the treaty was ratified by A)",
    "party.partner": "the partner of the verb acting on it (A signed a deal with B)",
    "party.nominal": "the owner or the partners of the noun acting on it (A's withdrawal from "
                     "the treaty, talks between A and B on a deal)",
    "party.joined": "those a signatory joins (A joins B and C in signing X)",
    "party.signatories": "a list of signatories (the other signatories of X are A, B, C)",
    "party.bracket": "the state before a bracket naming the agreement (the Russians (Treaty "
                     "of X, 1855))",
    "party.sentence": "no rule read a party around it: the countries of the sentence that "
                      "reports it acted on",
    "party.main": "no party named anywhere around it: the document's main countries",
    "party.other-main": "one party named: the document's other main country completes a "
                        "bilateral agreement",
    "party.title": "the text of the agreement: the states its title names (Agreement between "
                   "the Government of A and the Government of B)",
    "party.preamble": "the text of the agreement: the states its preamble names as the parties "
                      "(A and B, hereinafter the Parties), or names together with the one "
                      "found",
    "party.group": "the text of the agreement: the members it lists of a group of states its "
                   "title or preamble names (the EFTA States are A, B and C)",
    "party.signature": "the text of the agreement: the states its signature block signs for "
                       "(For the Republic of A)",
    "party.state-body": "a ministry named without its state stands for the main country not "
                        "yet a party",
    # stages (kg.nlp.agreements.actions, .stage)
    "stage.verb": "the verb acting on a mention (signed the treaty, the treaty was ratified)",
    "stage.deal": "the verb that makes a commercial noun a deal, where no other action is "
                  "read (made a firm order, completed the purchase): agreed",
    "stage.nominal": "a noun of action governing a mention (the signing of the deal)",
    "stage.derived": "a noun of action WordNet derives from an action verb governing a mention "
                     "of an agreement the text reports otherwise (the endorsement of the "
                     "accord); alone it reports none",
    "stage.agent": "a noun of one who signs or is bound, of or to a mention (a signatory to "
                   "the treaty: signed; a party to it: in force; a signer of the accord)",
    "stage.possessive": "a noun of action the mention owns (the treaty's ratification, the "
                        "pact's suspension)",
    "stage.relative": "a relative clause or participle on the mention (agreements reached by)",
    "stage.complement": "a participle on the mention's complement (an agreement on X reached "
                        "in Vienna)",
    "stage.pronoun": "a participle before 'it' (Signed in 1972, it ...)",
    "stage.in-force": "'it was in force'",
    "stage.future": "an action in the future, possible or wanted: planned (will sign, to be "
                    "signed, could join, the upcoming signing, the desire for a conclusion)",
    "stage.provision": "an action on an agreement that the articles of an agreement's text "
                       "cite, not told as done (the implementation of the TBT Agreement): "
                       "what the articles provide, no stage",
    "stage.ahead": "an action ahead or under a condition that would end it or put it in "
                   "force (may denounce, shall terminate, will expire, upon ratification): "
                   "no stage",
    "stage.clause-ahead": "an action whose clause takes its time from a clause in the future, "
                          "possible or under a condition (will finalize the deal and undertake "
                          "steps before it entering into force; as we implement it): planned, "
                          "or no stage for one that would end it or keep it in force",
    "stage.effect": "the agreement did something in the world, told in the past: in force "
                    "(the treaty created the bureau; not a verb of saying or being, by "
                    "WordNet's first sense)",
    "stage.not-until": "a negated verb in the past with 'until' and a date: done then (did "
                       "not enter into force until 11 December 1990)",
    "stage.superseded": "replaced by another instrument, told as done: ended (X was superseded "
                        "by Y, Y replaced X)",
    "stage.supersedes": "took another instrument's place, told as done: in force (X was "
                        "superseded by Y, Y replaced X)",
    "stage.not-in-force": "said not to be in force now (has not entered into force, is yet "
                          "to enter into force, never entered into force): what else would "
                          "put it in force (ratified by some) reaches signed",
    "stage.effort": "an effort to agree: negotiating (trying to reach, seeking to conclude)",
    "stage.modifier": "the agreement's own adjective (a proposed treaty, the draft accord)",
    "stage.dated-name": "a name that carries its day or month was signed then (the Agreement "
                        "on X of 26 May 2004)",
    "stage.named-year": "a treaty named with its year, of which nothing else is reported, "
                        "took effect (the Convention for the Conservation of Seals (1972)); "
                        "no date",
    "stage.cited": "a listed treaty with the place and day it was concluded in brackets was "
                   "signed then (Treaty between A and B (Canberra, 24 November 2003))",
    "stage.title": "a heading that names a declaration, with no verb: the document is the "
                   "declaration, agreed",
    "stage.closing": "the text of the agreement: its closing clause or witness formula says "
                     "it was signed (IN WITNESS WHEREOF ... have signed; DONE at ...)",
    "stage.header": "the text of the agreement: a dated line of its header (Date of signing: "
                    "...; Effective date: ...; (Moscow, 13 November 1992) under the title)",
    # dates (kg.nlp.agreements.stage)
    "date.published": "the declaration the document is: the date the text gives for itself",
    "date.clause": "a date in the clause of the action that reached the stage (entered into "
                   "force on 5 October 1978)",
    "date.same-sentence": "the one date of the action's sentence that belongs to no other "
                          "action of the agreement",
    "date.relative": "a relative date of the action's clause or sentence (on Tuesday, last "
                     "month) read against the date the text gives for itself",
    "date.name-year": "signed or agreed, with no date in the action's clause or sentence: the "
                      "year the agreement is named with (as a signatory to the 1985 Treaty of "
                      "X)",
    "date.name": "the date in the agreement's name",
    "date.closing": "the date of the closing clause of the agreement's text (DONE at Tokyo on "
                    "this twenty-fifth day of December 2008)",
    "date.header": "the date of a dated line of the header of the agreement's text",
    # the text of an agreement (kg.nlp.document.structure, kg.nlp.agreements.text)
    "text.title": "the document's title names the agreement it is the text of",
    "text.formula": "the preamble's formula: the parties have agreed as follows",
    "text.witness": "the closing formula: the undersigned have signed this Agreement",
    "text.closing": "the closing clause: DONE at PLACE on DATE",
    "text.articles": "numbered articles and the text's references to itself (this Agreement)",
    "signatory.block": "a person of the signature block, under the 'For X' of the party they "
                       "sign for",
    # durations and money (kg.nlp.agreements.terms)
    "duration.phrase": "in the mention's phrase (a five-year arrangement)",
    "duration.relative": "in a relative clause on the mention (a deal that runs for ten years)",
    "duration.predicate": "said of it (the agreement is valid for five years)",
    "duration.under": "the term of the clause it governs (under the pact, Japan will pay ... "
                      "over five years)",
    "duration.action": "on the verb acting on it (it was in force for the next 30 years)",
    "duration.neighbour": "a sentence of its paragraph about it (the deal / it / its parties "
                          "will ... for five years)",
    "duration.restated": "a sentence restating the agreement's amount, with a term",
    "value.phrase": "in the mention's phrase (a $5bn deal)",
    "value.relative": "in a relative clause or apposition on it (the deal, worth $5bn)",
    "value.predicate": "said of it (the agreement is worth $2bn, was valued at ...)",
    "value.under": "the money of the clause it governs (under the pact, Japan will pay $9bn)",
    "value.neighbour": "a sentence of its paragraph about it (it is worth 300 million euros)",
    "value.agreed": "money of a clause where its parties agree (A agreed with B to borrow $2bn)",
}

# How an actor was known, when not by its name: the suffix of a party rule
# ("party.subject.we").
VIA = {
    "we": "'we', 'our': the document's own side, its main countries",
    "pair": "'the two countries', 'both sides': the two actors named just before",
    "body": "a person or body of the state (Japan's foreign minister)",
    "person": "a person who acts for the state, as the offices component reads it",
    "unrecognised": "a proper name no component recognised, where a party stands (3M "
                    "concluded an agreement with B): the party by its name",
    "it": "'it' as the subject: the body that says so (A said it signed ...), or the subject "
          "of the sentence before",
    "list": "a group the text counts ('32 countries'): the list of that many states it gives",
}


def describe(rule: str | None) -> str:
    """What a rule reads, in words (its suffix explained too)."""
    if not rule:
        return "no rule recorded"
    base, _, via = rule.rpartition(".") if rule.rsplit(".", 1)[-1] in VIA else (rule, "", "")
    text = RULES.get(base, "unknown rule")
    return f"{text}; {VIA[via]}" if via else text


def known(rule: str) -> bool:
    base = rule.rsplit(".", 1)[0] if rule.rsplit(".", 1)[-1] in VIA else rule
    return base in RULES
