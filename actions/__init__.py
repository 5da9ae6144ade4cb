"""Custom actions: thin rasa-sdk adapters from the tracker to ``bot`` and back.

The action server imports this package and registers every concrete ``Action``.
"""
