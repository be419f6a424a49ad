"""Store operations on documents: ingest, link names to the store, load a dump, list and remove, validate."""
