"""Rasa-side extensions at the edge of the system (they run inside the Rasa server):
the tracker store that honours "forget me"."""
