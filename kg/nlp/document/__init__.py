"""What belongs to the document as a whole: its paragraphs (policykg_paragraphs), the side it
speaks for, its structure (headings; the parts of a text that is itself an agreement)."""
