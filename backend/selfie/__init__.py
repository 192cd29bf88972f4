"""The arbeidsmarkt-selfie: sections, drafts, offline sync, consent, export and erasure."""
