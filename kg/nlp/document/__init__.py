"""Document-level components: what a whole text is, read from its layout (headings, the
parts of a text that is itself an agreement)."""
