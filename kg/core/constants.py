"""Names that several layers share, each written once (as textacy's constants): the
stages an agreement goes through, the namespace prefixes every SPARQL query may use, the
span groups and extension attributes of the spaCy components, and the dependency labels
the rules test together."""

# The six stages of CONTRACT.md, in order: an agreement's status is the furthest reported.
STAGES = ("planned", "negotiating", "agreed", "signed", "in force", "ended")
# Statuses that stores written before the six stages hold, mapped onto the stages
# (GUIDELINES.md), so the app reads old and new graphs alike.
STAGE_OF = {"ratified": "in force", "implemented": "in force", "renewed": "agreed",
            "withdrawn": "ended"}

# Prefixes every query may use without declaring them.
DEFAULT_PREFIXES = {
    "pkg": "https://w3id.org/policykg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
}

# --- spaCy annotations ---------------------------------------------------------------
# The span groups the pipeline's components write (``doc.spans[KEY]``), each the default
# of its component's ``spans_key`` config. A misspelt key reads as an empty group, not
# an error: every module names them from here.
COUNTRY_SPANS = "pkg_countries"
DATE_SPANS = "pkg_dates"
PERSON_SPANS = "pkg_persons"
ORGANIZATION_SPANS = "pkg_organizations"
AGREEMENT_SPANS = "pkg_agreements"
LAYOUT_SPANS = "pkg_layout"  # headings, section references, party roles: no names

# Extension attributes the components register and set. Code reads them as attributes
# (``span._.pkg_role``; a misspelt attribute raises); where a name goes as a string
# (registering, ``has_extension``, ``getattr``) it is one of these.
DOC_PUBLISHED = "pkg_published"  # the date the text gives for itself, ISO 8601
DOC_DATES = "pkg_dates"  # the ISO dates the text states, in text order
DOC_KNOWLEDGE = "pkg_knowledge"  # the knowledge base's version and the sources it used
DATE_ISO = "pkg_iso"  # a date span's ISO 8601 form, as precise as the text
PERSON_NAME = "pkg_person"  # a person span's fullest name in the document
PERSON_ROLE = "pkg_role"  # the office a person span holds, as the text gives it
PERSON_ROLE_RULE = "pkg_role_rule"  # the rule that read the office
PERSON_COUNTRY = "pkg_country"  # the state (ISO code) a person span acts for
PERSON_COUNTRY_RULE = "pkg_country_rule"  # the rule that read the state
KNOWLEDGE_FACTS = "pkg_kb"  # what the knowledge base adds to a person or organization
AGREEMENT_INDEX = "pkg_agreement"  # an agreement mention: its agreement's index
AGREEMENT_INFO = "pkg_agreement_info"  # on an agreement's first mention: what was read
AGREEMENT_TEXT = "pkg_agreement_text"  # the structure of the agreement a document is the text of

# Dependency labels of the English models' parser (ClearNLP style) that rules test
# together. tests/test_nlp_constants.py checks every label the rules name against the
# model's own list, so a misspelt one fails there instead of never matching.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Where a noun phrase stands in a clause: a word there is a noun, whatever its tag.
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj"})
