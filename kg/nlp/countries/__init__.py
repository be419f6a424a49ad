"""Country mentions: the gazetteer and the policykg_countries component."""
