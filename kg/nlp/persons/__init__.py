"""Person mentions and the offices they hold: the policykg_persons and policykg_offices
components. A *title* is the words as written, an *office* what it says is held (a role
for a state), a *role* the office's name in policykg's words (titles.py, roles.py)."""
