"""clausepress tests."""
