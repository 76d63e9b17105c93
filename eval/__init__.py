"""Evaluation: the golden question set, retrieval metrics, answer pass rate, the naive baseline, benchmarks."""
