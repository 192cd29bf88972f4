"""Learning offers and personal learning advice (NationaalLeerAdvies)."""
