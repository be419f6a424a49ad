"""Person mentions and the offices they hold: the policykg_persons and policykg_offices components."""
