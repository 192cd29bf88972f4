"""Reference data (placeholder until the taxonomy domain lands)."""
