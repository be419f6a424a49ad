"""Organization mentions: the name rules and the policykg_organizations component."""
