"""The programme's knowledge: the notice as citable clauses and its rules as validated data."""
