"""Indexing the notice for retrieval: clause chunks, embeddings, chromadb + BM25, hybrid search."""
