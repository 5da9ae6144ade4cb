"""The product catalogue and the needs knowledge in SQL (SQLAlchemy)."""
