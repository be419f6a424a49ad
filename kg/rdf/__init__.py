"""Records to RDF: the closed pkg: namespace, IRIs, one named graph per document."""
