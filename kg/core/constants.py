"""Names that several layers share, each written once: the stages an agreement goes
through and the namespace prefixes every SPARQL query may use."""

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
