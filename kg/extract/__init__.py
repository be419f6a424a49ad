"""Read an annotated spaCy Doc into plain records, one generator module per entity kind.

``kg.extract.document.extract_records`` assembles them; ``kg.core.records`` holds the
record types and imports nothing heavy, so the RDF layer can use it without spaCy.
"""
