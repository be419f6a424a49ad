"""What belongs to the document as a whole: its paragraphs (policykg_paragraphs) and the side it speaks for."""
