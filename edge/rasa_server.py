"""``python -m edge.rasa_server [rasa run options]``: ``rasa run`` with the HTTP API's
token taken from the environment (``RASA_TOKEN``) instead of the command line.

A process's command line is readable by every local user (``ps aux``,
``/proc/<pid>/cmdline``); its environment only by its owner. Rasa 3.6 reads the token
only from ``--auth-token``, so the option is added here, inside the process, where
``ps`` does not see it. Without a token the server does not start: the API that reads
and changes conversations is never open.
"""

import os
import sys

TOKEN_VARIABLE = "RASA_TOKEN"

if __name__ == "__main__":
    token = os.environ.get(TOKEN_VARIABLE, "")
    if not token.strip():
        raise SystemExit(f"{TOKEN_VARIABLE} is not set: Rasa's HTTP API is never started "
                         "without a token (see `bot token`).")
    sys.argv = ["rasa", "run", *sys.argv[1:], "--auth-token", token]
    from rasa.__main__ import main

    main()
