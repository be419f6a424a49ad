"""Reading a file into clean text: formats, titles, cleaning."""
