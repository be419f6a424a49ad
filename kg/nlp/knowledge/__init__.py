"""The actor knowledge base (who held which office for which state, when; international bodies) and the policykg_actors component that adds its evidence."""
