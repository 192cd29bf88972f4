"""Matching: pure scoring functions plus the queries that find candidates."""
