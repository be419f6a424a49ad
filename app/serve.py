"""The app server as ``kg app`` runs it: ``python app/serve.py run app/main.py
[streamlit options]``, that is ``streamlit run`` in this process after starting the
warming of the pages' reads (app/warming.py) in a background thread, so that the first
visit of a page finds them done. Streamlit runs no code of the app until a browser
connects: this is where the server's start can be hooked. A script of the app's own
folder (which Python puts first on the path), so the ``kg`` package never imports the
app.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    app_dir = str(Path(argv[1]).resolve().parent)  # argv: run MAIN [options]
    if app_dir not in sys.path:  # where the pages import appkit from (streamlit adds it too)
        sys.path.insert(0, app_dir)
    import warming
    from streamlit.web import cli

    warming.start()
    sys.argv = ["streamlit", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
