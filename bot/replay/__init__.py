"""Replays for sales trainers (issue 14): conversations and stories turn by turn, with what
the assistant understood, what it did and why, and the list as it stood; practice rounds
scored against the engine's own information gains; and a recorded conversation turned into
a test story with its personal data replaced.

| module | what |
|---|---|
| ``stories.py`` | Rasa stories (``data/``, ``tests/test_stories.yml``) read as plain YAML |
| ``tracker.py`` | recorded conversations, read as plain JSON from Rasa's SQL tracker store |
| ``steps.py`` | the replay's unit, ``Step``, for a story and a recording alike |
| ``recorded.py`` | a recording as steps, and its summary (date, first line, job, outcome) |
| ``story_replay.py`` | a story run through today's dialogue, and where it parts from the story |
| ``evaluation.py`` | Rasa's own story evaluation (``rasa test core``) run and read |
| ``practice.py`` | practice rounds: the options at a turn, their gains, the score |
| ``export.py`` | a recording as a test story, personal data replaced by placeholders |
| ``path.py`` | the path of a consultation, drawn as SVG |
| ``sandbox.py`` | the dialogue over a database session that is always rolled back |

Nothing here imports Rasa: stories and events are Rasa's formats read as data. Intent names
are the chat face's vocabulary; the replay is handed the table from intents to the
dialogue's meanings (``IntentMeanings``) by whoever wires it (``actions/intents.py``).
Replays never write into a shopper's conversation or the shop's records.
"""
