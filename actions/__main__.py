"""Start the action server: ``python -m actions --port 5055``.

The same as rasa-sdk's own entry point, with one difference: spaCy's thinc imports
TensorFlow when it can, which here costs about 4 s of start-up and 360 MB of memory in a
process that never uses it (measured: 4.45 s / 481 MB against 0.77 s / 117 MB to load
the spaCy pipeline). Marking TensorFlow as absent before anything imports spaCy avoids
that. Only this process does it: the Rasa server and the tests import TensorFlow as usual.
"""

import sys

if __name__ == "__main__":
    # Inside the guard: the action server imports every module of this package, this one
    # too, and a test process that does so must keep its TensorFlow.
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]
    from rasa_sdk.__main__ import main

    from actions.server import install

    install()
    if "--actions" not in sys.argv:
        sys.argv[1:1] = ["--actions", "actions"]
    main()
