"""The dialogue: one controller for every face (chat widget, attendant's tablet, trainer's
replay). A ``Turn`` goes in, an ``Outcome`` (the new typed ``Conversation`` and neutral
``Reply`` objects) comes out; each face renders the replies its own way."""
