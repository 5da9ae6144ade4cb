"""The staff server: the attendant's tablet, the staff desk, their sign-in, and the page a
shopper's phone opens from the tablet's QR code. A Sanic app (the framework Rasa runs on),
started by ``bot run`` next to the Rasa server (``python -m edge.staff``).

It talks to the assistant only through Rasa: the tablet's turns through the tablet's own
channel (edge/tablet_channel.py), the desk's takeovers through Rasa's HTTP API (pause,
resume, a message to the shopper's widget). The browser never sees Rasa's token nor a
conversation's id.
"""
