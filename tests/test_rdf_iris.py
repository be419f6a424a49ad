"""kg.rdf.iris: IRIs minted from any text are valid, deterministic and survive round trips."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.core import names
from kg.rdf import iris
from kg.rdf.namespace import ID_BASE, PKG

# RFC 3987 excludes these from IRIs; ASCII-only keeps the IRIs plain URIs as well.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\U0010ffff]')

# Text that tries hard: unicode of every category, control characters, quotes, angle
# brackets, RTL marks, emoji, combining marks, and the empty string.
_TRICKY = st.sampled_from(['', ' ', '"', "'", '<>', '\\', '\u202e', '\u200f', 'עברית',
                           'العربية', '😀👩‍👩‍👧', 'e\u0301', '\x00', '\r\n', '\t', '{}|^`',
                           'ﬁ', 'İ', 'ß', '\ufeff', '%20', '#frag', '?q=1', 'a/b'])
NAMES = st.one_of(st.text(), _TRICKY,
                  st.lists(st.one_of(st.text(max_size=5), _TRICKY), max_size=6).map("".join))
# Literal text: any characters rdflib and Oxigraph can hold (no surrogates: not Unicode
# scalar values, they cannot be encoded in UTF-8 at all).
LITERALS = st.text(st.characters(blacklist_categories=("Cs",)))
SHA = st.text("0123456789abcdef", min_size=64, max_size=64)
# Literals that have broken serializers: quotes at the ends of long strings, NUL, CR.
_HARD_LITERALS = ['"', 'a"', '"""', "''' \"\"", "\\", "\x00", "\r", "a\r\nb", "\u2028",
                  "\ufeff", "\x7f", "\U0001f600", "\u202eabc", " lead and trail "]

pytestmark = [
    pytest.mark.filterwarnings("ignore:Dataset.* is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

MINTERS = {
    "person": iris.person_iri,
    "organization": iris.organization_iri,
    "country": iris.country_iri,
    "named-agreement": lambda text: iris.agreement_iri(text, True, "0" * 64),
    "agreement": lambda text: iris.agreement_iri(text, False, "0" * 64),
}


def assert_valid_iri(iri: URIRef) -> None:
    text = str(iri)
    assert text.startswith(ID_BASE)
    assert not _BAD_IRI_CHARS.search(text), text
    assert text.isascii()
    # the part after the kind is a non-empty path segment: no empty or dot segments
    kind, _, local = text[len(ID_BASE):].partition("/")
    assert kind and local and local not in {".", ".."} and "/" not in local


@pytest.mark.parametrize("kind", sorted(MINTERS))
@given(name=NAMES)
def test_rdf_iris_minted_iris_are_valid_and_deterministic(kind, name):
    mint = MINTERS[kind]
    iri = mint(name)
    assert_valid_iri(iri)
    assert mint(name) == iri
    assert len(str(iri)) < 200  # bounded: long names are cut and hashed


@given(name=NAMES)
def test_rdf_iris_pyoxigraph_accepts_every_minted_iri(name):
    for mint in MINTERS.values():
        ox.NamedNode(str(mint(name)))  # raises ValueError on an invalid IRI


@pytest.mark.parametrize("a, b", [
    ("Antony Blinken", "ANTONY BLINKEN."), ("Jana Černochová", "Jana Cernochova"),
    ("Jana Černochová", "Jana Černochová"),  # NFC vs NFD
    ("North  Atlantic\tTreaty", "north-atlantic-treaty"),
])
def test_rdf_iris_same_name_same_node(a, b):
    assert iris.person_iri(a) == iris.person_iri(b)


@pytest.mark.parametrize("a, b", [
    ("Antony Blinken", "Lloyd Austin"), ("习近平", "李强"), ("", "😀"), ("a" * 200, "a" * 201),
])
def test_rdf_iris_different_names_different_nodes(a, b):
    assert iris.person_iri(a) != iris.person_iri(b)


@pytest.mark.parametrize("amount", ["5", "-5", "0", "-0", "1.5", "1000000000", "0.001"])
def test_rdf_iris_money_iris_are_valid_and_keep_the_sign(amount):
    agreement = iris.agreement_iri("deal", True, "0" * 64)
    iri = iris.money_iri(agreement, Decimal(amount), "USD")
    assert not _BAD_IRI_CHARS.search(str(iri))
    if amount.startswith("-") and Decimal(amount) != 0:
        assert iri != iris.money_iri(agreement, -Decimal(amount), "USD")


def test_rdf_iris_names_fold_and_tokens():
    assert names.fold("Jana Černochová") == "jana cernochova"
    assert names.name_tokens("Antony J. Blinken") == ["antony", "j", "blinken"]
    assert names.name_tokens("习近平") == []


# -- round trips ----------------------------------------------------------------------------
def graph_of(names: list[str], texts: list[str], sha: str) -> Graph:
    """A document graph whose IRIs come from ``names`` and literals from ``texts``."""
    doc = iris.document_iri(sha)
    g = Graph(identifier=doc)
    g.add((doc, RDF.type, PKG.Document))
    for i, name in enumerate(names):
        for kind, mint in MINTERS.items():
            node = mint(name)
            g.add((node, RDFS.label, Literal(name)))
            g.add((doc, PKG.mentions, node))
            ev = iris.evidence_iri(doc, i, i + len(name))
            g.add((ev, PKG.text, Literal(texts[i % len(texts)] if texts else name)))
            g.add((iris.fact_iri(doc, str(doc), str(PKG.mentions), node.n3()),
                   RDF.subject, node))
    for text in texts:
        g.add((doc, PKG.content, Literal(text)))
        g.add((doc, PKG.title, Literal(text, lang="en")))
    return g


ROUND_TRIP = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])


def _dataset(g: Graph) -> Dataset:
    ds = Dataset()
    target = ds.graph(g.identifier)
    for t in g:
        target.add(t)
    return ds


def _named(ds: Dataset, iri) -> Graph:
    out = Graph()
    for t in ds.graph(iri):
        out.add(t)
    return out


@ROUND_TRIP
@given(names=st.lists(NAMES, min_size=1, max_size=4), texts=st.lists(LITERALS, max_size=3),
       sha=SHA)
@example(names=_HARD_LITERALS, texts=_HARD_LITERALS, sha="0" * 64)
def test_rdf_iris_graph_round_trips_through_rdflib(names, texts, sha):
    g = graph_of(names, texts, sha)
    for fmt in ("nt", "turtle"):
        back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert isomorphic(back, g), fmt
    ds = _dataset(g)
    for fmt in ("nquads", "trig"):
        back = Dataset().parse(data=ds.serialize(format=fmt), format=fmt)
        assert isomorphic(_named(back, g.identifier), g), fmt


@ROUND_TRIP
@given(names=st.lists(NAMES, min_size=1, max_size=4), texts=st.lists(LITERALS, max_size=3),
       sha=SHA)
@example(names=_HARD_LITERALS, texts=_HARD_LITERALS, sha="0" * 64)
def test_rdf_iris_graph_round_trips_through_oxigraph(names, texts, sha):
    g = graph_of(names, texts, sha)
    store = ox.Store()
    store.load(_dataset(g).serialize(format="nquads").encode("utf-8"),
               format=ox.RdfFormat.N_QUADS)
    for fmt, rdflib_fmt in ((ox.RdfFormat.N_QUADS, "nquads"), (ox.RdfFormat.TRIG, "trig")):
        out = io.BytesIO()
        store.dump(out, format=fmt)
        back = Dataset().parse(data=out.getvalue().decode("utf-8"), format=rdflib_fmt)
        assert isomorphic(_named(back, g.identifier), g), rdflib_fmt
