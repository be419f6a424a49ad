"""Records -> RDF: one named graph per document, every fact reified with its evidence.

Provenance uses RDF reification with PROV-O: each fact ``s p o`` also gets a node
``a rdf:Statement`` with ``rdf:subject/predicate/object``, ``prov:wasDerivedFrom`` the
document, and ``pkg:evidence`` passages (``pkg:Evidence``: text and character offsets).
Plain reification works in every SPARQL 1.1 store and in rdflib; RDF-star does not.

A fact the actor knowledge base adds (a state or office the text does not give, a full
name, an ``owl:sameAs`` Wikidata entity) has no passage: its statement is also
``prov:wasDerivedFrom`` a ``pkg:KnowledgeSource`` node (the dataset, per knowledge-base
version), so an analyst can tell what the text said from what the knowledge base added.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD, NamespaceManager

from kg import __version__
from kg.core.geo import alpha3, country_name
from kg.core.records import DocumentRecords, Evidence, KnowledgeSource, Money, Ref
from kg.rdf import iris
from kg.rdf.namespace import PKG


def date_literal(iso: str) -> Literal:
    """``"1936-07-20"``, ``"1936-07"`` or ``"1936"`` as a literal of the matching XSD type
    (xsd:date, xsd:gYearMonth, xsd:gYear): the type says how precise the text was."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth}.get(len(iso), XSD.gYear)
    return Literal(iso, datatype=datatype)


def new_dataset() -> Dataset:
    """An empty dataset that binds only the core prefixes and ours."""
    ds = Dataset()
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="core")
    ds.bind("pkg", str(PKG._NS))
    ds.bind("prov", str(PROV))
    return ds


def document_graph(records: DocumentRecords, ingested_at: datetime | None = None) -> Graph:
    """The named graph of one document (added to a fresh dataset, so prefixes are set)."""
    ds = new_dataset()
    doc = iris.document_iri(records.sha256)
    _GraphBuilder(ds.graph(doc), doc, records, ingested_at).build()
    return ds.graph(doc)


def dataset_of(graphs: Iterable[Graph]) -> Dataset:
    ds = new_dataset()
    for g in graphs:
        target = ds.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return ds


class _GraphBuilder:
    def __init__(self, g: Graph, doc: URIRef, records: DocumentRecords,
                 ingested_at: datetime | None) -> None:
        self.g, self.doc, self.r = g, doc, records
        self.when = ingested_at or datetime.now(timezone.utc)
        self.nodes: dict[Ref, URIRef] = {}
        self.implicit: set[Ref] = set()  # referenced but not listed by extraction
        self.persons: dict[str, URIRef] = {}  # a person's name -> node (signatories)

    def build(self) -> None:
        self._document()
        for c in self.r.countries:
            self._same_as(self._country(c.iso, c.name, c.mentions), c.same_as)
        for o in self.r.organizations:
            node = self._organization(o.name, o.mentions, o.key)
            for alias in sorted(set(o.aliases) - {o.name}):
                self.g.add((node, PKG.alias, Literal(alias)))
            for full, sources in sorted(o.full_name.items()):
                self._fact(node, PKG.fullName, Literal(full), sources)
            self._same_as(node, o.same_as)
        for p in self.r.persons:
            self._person(p)
        for a in self.r.agreements:
            self._agreement(a)

    def _document(self) -> None:
        g, doc, r = self.g, self.doc, self.r
        g.add((doc, RDF.type, PKG.Document))
        g.add((doc, PKG.fileName, Literal(r.file_name)))
        g.add((doc, PKG.sha256, Literal(r.sha256)))
        g.add((doc, PKG.mediaType, Literal(r.media_type)))
        g.add((doc, PKG.content, Literal(r.text)))
        g.add((doc, PKG.extractorVersion, Literal(__version__)))
        # The "Z" form, as Oxigraph normalises it, so extract and export print the same.
        stamp = self.when.astimezone(timezone.utc).isoformat(timespec="seconds")
        g.add((doc, PKG.ingestedAt, Literal(stamp.replace("+00:00", "Z"),
                                            datatype=XSD.dateTime)))
        if r.title:
            g.add((doc, PKG.title, Literal(r.title)))
        if r.published:
            g.add((doc, PKG.published, date_literal(r.published)))
        if r.source_path:
            g.add((doc, PKG.sourcePath, Literal(r.source_path)))

    def _evidence(self, ev: Evidence) -> URIRef:
        node = iris.evidence_iri(self.doc, ev.start, ev.end)
        if (node, RDF.type, PKG.Evidence) not in self.g:
            self.g.add((node, RDF.type, PKG.Evidence))
            self.g.add((node, PKG.inDocument, self.doc))
            self.g.add((node, PKG.text, Literal(ev.text)))
            self.g.add((node, PKG.startChar, Literal(ev.start)))
            self.g.add((node, PKG.endChar, Literal(ev.end)))
        return node

    def _source(self, src: KnowledgeSource) -> URIRef:
        node = iris.knowledge_source_iri(src.version, src.id)
        if (node, RDF.type, PKG.KnowledgeSource) not in self.g:
            self.g.add((node, RDF.type, PKG.KnowledgeSource))
            self.g.add((node, RDFS.label, Literal(src.name)))
            self.g.add((node, OWL.versionInfo, Literal(src.version)))
            if src.citation:
                self.g.add((node, DCTERMS.bibliographicCitation, Literal(src.citation)))
            if src.licence:
                self.g.add((node, DCTERMS.rights, Literal(src.licence)))
            if src.url:
                self.g.add((node, RDFS.seeAlso, URIRef(src.url)))
        return node

    def _fact(self, s: URIRef, p: URIRef, o,
              evidence: Iterable[Evidence | KnowledgeSource]) -> None:
        """Add ``s p o`` and its reification linked to each passage that states it, or
        to the knowledge sources it was taken from."""
        self.g.add((s, p, o))
        st = iris.fact_iri(self.doc, s, p, o.n3())
        self.g.add((st, RDF.type, RDF.Statement))
        self.g.add((st, RDF.subject, s))
        self.g.add((st, RDF.predicate, p))
        self.g.add((st, RDF.object, o))
        self.g.add((st, PROV.wasDerivedFrom, self.doc))
        for ev in evidence:
            if isinstance(ev, KnowledgeSource):
                self.g.add((st, PROV.wasDerivedFrom, self._source(ev)))
                if ev.rule:
                    self.g.add((st, PKG.rule, Literal(ev.rule)))
                continue
            self.g.add((st, PKG.evidence, self._evidence(ev)))
            if ev.rule:
                self.g.add((st, PKG.rule, Literal(ev.rule)))

    def _same_as(self, node: URIRef, same_as: dict) -> None:
        for qid, sources in sorted(same_as.items()):
            self._fact(node, OWL.sameAs, iris.wikidata_iri(qid), sources)

    def _country(self, iso: str, name: str, mentions: list[Evidence]) -> URIRef:
        node = iris.country_iri(iso)
        self.nodes[Ref.country(iso)] = node
        self.g.add((node, RDF.type, PKG.Country))
        self.g.add((node, RDFS.label, Literal(name)))
        self.g.add((node, PKG.isoCode, Literal(iso.upper())))
        code3 = alpha3(iso)
        if code3:
            self.g.add((node, PKG.isoCode3, Literal(code3)))
        self._fact(self.doc, PKG.mentions, node, mentions)
        return node

    def _organization(self, name: str, mentions: list[Evidence],
                      key: str | None = None) -> URIRef:
        node = iris.organization_iri(key or name)
        self.nodes[Ref.organization(name)] = node
        self.g.add((node, RDF.type, PKG.Organization))
        if (node, RDFS.label, None) not in self.g:
            self.g.add((node, RDFS.label, Literal(name)))
        self._fact(self.doc, PKG.mentions, node, mentions)
        return node

    def _ref(self, ref: Ref, evidence: list[Evidence]) -> URIRef:
        """The node of a party or employer, declared here if extraction did not list it;
        the document then mentions it in the passages that state this fact."""
        if ref not in self.nodes:
            self.implicit.add(ref)
            if ref.kind == "country":
                self._country(ref.key, country_name(ref.key) or ref.key, [])
            else:
                self._organization(ref.key, [])
        if ref in self.implicit:
            self._fact(self.doc, PKG.mentions, self.nodes[ref], evidence)
        return self.nodes[ref]

    def _person(self, p) -> None:
        node = iris.person_iri(p.key or p.name)
        self.persons[p.name] = node
        self.g.add((node, RDF.type, PKG.Person))
        if (node, RDFS.label, None) not in self.g:  # two spellings, one IRI: one label
            self.g.add((node, RDFS.label, Literal(p.name)))
        self._fact(self.doc, PKG.mentions, node, p.mentions)
        for title, ev in sorted(p.roles.items()):
            self._fact(node, PKG.role, Literal(title), ev)
        for ref, ev in sorted(p.acts_for.items()):
            self._fact(node, PKG.actsFor, self._ref(ref, ev), ev)
        self._same_as(node, p.same_as)

    def _agreement(self, a) -> None:
        node = iris.agreement_iri(a.label, a.named, self.r.source_path or self.r.sha256)
        self.g.add((node, RDF.type, PKG.Agreement))
        self.g.add((node, RDFS.label, Literal(a.label)))
        self._fact(self.doc, PKG.mentions, node, a.mentions)
        for ref, ev in sorted(a.parties.items()):
            self._fact(node, PKG.party, self._ref(ref, ev), ev)
        for duration, ev in sorted(a.durations.items()):
            self._fact(node, PKG.duration, Literal(duration, datatype=XSD.duration), ev)
        for money, ev in sorted(a.values.items()):
            self._fact(node, PKG.value, self._money(node, money), ev)
        for status, ev in sorted(a.statuses.items()):
            self._fact(node, PKG.status, Literal(status), ev)
        for date, ev in sorted(a.dates.items()):
            self._fact(node, PKG.date, date_literal(date), ev)
        if a.text_of:
            self._fact(self.doc, PKG.textOf, node, a.text_of)
        for (name, _party), ev in sorted(a.signatories.items()):
            if name in self.persons:  # the person record holds their pkg:actsFor
                self._fact(node, PKG.signatory, self.persons[name], ev)

    def _money(self, agreement: URIRef, money: Money) -> URIRef:
        node = iris.money_iri(agreement, money.amount, money.currency)
        self.g.add((node, RDF.type, PKG.MonetaryAmount))
        self.g.add((node, PKG.amount, Literal(money.amount, datatype=XSD.decimal)))
        self.g.add((node, PKG.currency, Literal(money.currency.upper())))
        return node
