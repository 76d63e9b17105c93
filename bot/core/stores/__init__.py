"""Everything kept in the SQL database: sessions, generated documents, staff reviews."""
