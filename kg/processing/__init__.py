"""One file to records: reading, the pipeline, extraction; long documents in pieces; many workers."""
