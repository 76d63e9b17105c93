"""Answering questions: rules answers for what the rules decide, quoted clauses otherwise, an optional LLM."""
