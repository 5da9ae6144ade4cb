"""The edge of the system: Rasa-side extensions (they run inside the Rasa server) such as
the tracker store that honours "forget me" and the channels, and the shop page with the chat
widget (``web/``, served by ``shop_page``)."""
