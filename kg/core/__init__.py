"""Ground floor: what every layer shares (errors, records, names, constants); imports nothing else of kg."""
