"""Who someone is: the account, its sign-in identities, its password rules (the bottom of
the foundation: it imports nothing but core)."""
