"""Data files shipped with the package, and the scripts that build them."""
