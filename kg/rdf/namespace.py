"""The policykg vocabulary as a closed rdflib namespace.

``tests/test_rdf_namespace.py`` checks that this list and ``ontology/policykg.ttl`` define
exactly the same terms, so a misspelt term fails at once instead of minting a new IRI.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/policykg/ontology#"
ID_BASE = "https://w3id.org/policykg/id/"


class PKG(DefinedNamespace):
    """Terms of ``https://w3id.org/policykg/ontology#``."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # classes
    Document: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Agreement: URIRef
    MonetaryAmount: URIRef
    Evidence: URIRef
    KnowledgeSource: URIRef

    # the contract's properties
    fileName: URIRef
    isoCode: URIRef
    party: URIRef
    duration: URIRef
    value: URIRef
    amount: URIRef
    currency: URIRef
    role: URIRef
    actsFor: URIRef
    textOf: URIRef
    signatory: URIRef

    # documents
    sha256: URIRef
    title: URIRef
    sourcePath: URIRef
    mediaType: URIRef
    content: URIRef
    ingestedAt: URIRef
    published: URIRef
    extractorVersion: URIRef
    mentions: URIRef

    # entities
    isoCode3: URIRef
    alias: URIRef
    status: URIRef
    fullName: URIRef
    date: URIRef

    # provenance
    evidence: URIRef
    inDocument: URIRef
    text: URIRef
    startChar: URIRef
    endChar: URIRef
    rule: URIRef

    # analyst corrections (docs/corrections.md)
    Correction: URIRef
    correctionKind: URIRef
    author: URIRef
    reason: URIRef
    factSubject: URIRef
    factPredicate: URIRef
    factObject: URIRef
    factValue: URIRef
    target: URIRef
    mergedNode: URIRef
    newLabel: URIRef
    splitNode: URIRef
    splitDocument: URIRef
    splitPath: URIRef
    undoneAt: URIRef
    undoneBy: URIRef
    correctedBy: URIRef
    withheld: URIRef
    introduced: URIRef

INDEX_IRI = "https://w3id.org/policykg/index#"


class KGI(DefinedNamespace):
    """Terms of ``https://w3id.org/policykg/index#``: the derived data the write path
    keeps (``kg.store.derived``, ``ontology/index.ttl``), never facts of a document."""

    _NS = Namespace(INDEX_IRI)
    _fail = True

    # the index itself
    schema: URIRef
    entry: URIRef

    # a document's summary node
    fileName: URIRef
    sha256: URIRef
    sourcePath: URIRef
    folder: URIRef
    shaPrefix: URIRef
    title: URIRef
    ingestedAt: URIRef
    triples: URIRef
    persons: URIRef
    countries: URIRef
    organizations: URIRef
    agreements: URIRef
    listing: URIRef
    validated: URIRef
    violations: URIRef
    published: URIRef
    statements: URIRef
    catalog: URIRef

    # names entries (entity resolution)
    names: URIRef
    text: URIRef
    surname: URIRef
    labelSlug: URIRef
    aliasSlug: URIRef
    acronym: URIRef
