"""SPARQL over a store: safe queries with bindings, and the read-only HTTP endpoint."""
