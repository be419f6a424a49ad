"""The reported filter (kg.nlp.agreements.reported) and the trace of what the steps left
out, with the reason."""

import pytest

from kg.nlp.agreements import find_agreements
from kg.nlp.agreements.types import Trace


def trace_of(nlp, text):
    doc = nlp(text)
    lex = nlp.get_pipe("policykg_agreements").lex
    trace = Trace()
    found = find_agreements(doc, lex, trace)
    left_out = {trace.label(c): [(r.what, r.reason) for r in trace.of(c)]
                for c in trace.clusters}
    return found, left_out


@pytest.mark.parametrize("text, label, reason", [
    ("The leaders discussed cooperation under the Strategic Framework Agreement.",
     "Strategic Framework Agreement", "basis"),
    ("They agreed to act to meet the goals of the Ocean Accord.", "Ocean Accord", "basis"),
    ("The deal is similar to other bilateral agreements the United States has concluded.",
     "other bilateral agreements", "comparison"),
    ("We call on both sides to respect the ceasefire.", "ceasefire", "not say was agreed"),
    ("The President commended efforts to reach durable agreements on oil revenue.",
     "durable agreements on oil revenue", "class of agreements"),
    # a noun of one bound reports nothing when no one is said bound, or it is denied
    ("The Parties of the Orange River Convention could not agree on the quota.",
     "Orange River Convention", "nothing reported"),
    ("Malawi is not a party to the Orange River Convention.", "Orange River Convention",
     "nothing reported"),
    ("The states that are party to the Orange River Convention met in Maseru.",
     "Orange River Convention", "nothing reported"),
    ("Many groups took part, such as farmers and signatories to the Orange River Convention.",
     "Orange River Convention", "nothing reported"),
    # a noun WordNet derives from an action verb alone reports none: it may name what the
    # act made (an amendment, a proposal)
    ("Malawi welcomed the endorsement of the water accord.", "water accord",
     "nothing reported"),
    # ... whatever its time makes of it
    ("Malawi welcomed the upcoming endorsement of the water accord.", "water accord",
     "nothing reported"),
])
def test_nlp_agreements_reported_reason_for_leaving_out(nlp, text, label, reason):
    found, left_out = trace_of(nlp, text)
    assert label not in [info.label for _, info in found]
    assert any(what == "agreement" and reason in why for what, why in left_out[label])


def test_nlp_agreements_reported_trace_party_left_out_with_reason(nlp):
    # the name gives both parties: the clause's other country is left out, and says why
    text = "The Chile-Argentina Border Treaty was signed in Lima with Peru as a witness."
    found, left_out = trace_of(nlp, text)
    (_, info), = found
    assert {v[1] for v, _, _ in info.parties} == {"CL", "AR"}
    assert ("party PE", "the agreement's name already gives its parties (party.partner)") \
        in left_out[info.label]


def test_nlp_agreements_reported_trace_nearer_stage_left_out(nlp):
    text = "Lesotho and Malawi signed a water treaty in 2001. Malawi withdrew from the treaty in 2009."
    found, left_out = trace_of(nlp, text)
    (_, info), = found
    assert [f.value for f in info.stages] == ["ended"]
    assert any(what == "stage signed" and "ended is further" in why
               for what, why in left_out[info.label])


def test_nlp_agreements_reported_component_runs_without_trace(nlp):
    doc = nlp("Lesotho and Malawi signed a water treaty in 2001.")
    (span,) = doc.spans["pkg_agreements"]
    assert span._.pkg_agreement == 0 and span._.pkg_agreement_info.label == "water treaty"
