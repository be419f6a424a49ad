"""The app server as ``kg app`` runs it: ``python app/serve.py run app/main.py
[streamlit options]``, that is ``streamlit run`` in this process after starting the
warming of the pages' reads (app/warming.py) in a background thread, so that the first
visit of a page finds them done. Streamlit runs no code of the app until a browser
connects: this is where the server's start can be hooked. A script of the app's own
folder (which Python puts first on the path), so the ``kg`` package never imports the
app.

It also lets the browser keep a component's files whose names carry a hash of their
content (the Graph page's st-link-analysis: ~1 MB of JavaScript). Streamlit serves them
as ``Cache-Control: public`` with no lifetime and no validator, so the browser fetched
and compiled them again each time the page was opened inside the app (its frame is made
anew on every visit): 0.2-0.25 CPU-s of the browser and 0.05 of the server a visit at
10,000 documents (docs/benchmarks.md). A file whose content changes changes its name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# a built file named by its content: index.34ae10892539aa3c9e1b.bundle.js, 32b01d6a21d9433a251c.ttf
HASHED = re.compile(r"[./][0-9a-f]{16,}(\.bundle)?\.(js|css|ttf|woff2?|svg|png)$")
KEEP = b"public, max-age=31536000, immutable"


def main(argv: list[str]) -> None:
    app_dir = str(Path(argv[1]).resolve().parent)  # argv: run MAIN [options]
    if app_dir not in sys.path:  # where the pages import appkit from (streamlit adds it too)
        sys.path.insert(0, app_dir)
    import warming
    from streamlit.web import cli

    warming.start()
    _keep_hashed_component_files()
    sys.argv = ["streamlit", *argv]
    cli.main()


def _keep_hashed_component_files() -> None:
    """Wrap Streamlit's component routes (its Starlette server) with :func:`keeping`; a
    Streamlit without them is left as it is (the files are then only fetched again)."""
    try:
        from streamlit.web.server.starlette import starlette_app
        make = starlette_app.create_component_routes
    except (ImportError, AttributeError):
        return
    starlette_app.create_component_routes = lambda *a, **k: [keeping(r) for r in make(*a, **k)]


def keeping(route):
    """``route`` with its answers for HASHED paths marked as kept for a year."""
    inner = route.app

    async def app(scope, receive, send):
        async def sending(message):
            if message["type"] == "http.response.start" and HASHED.search(scope["path"]):
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"cache-control"]
                message = {**message, "headers": [*headers, (b"cache-control", KEEP)]}
            await send(message)

        await inner(scope, receive, sending)

    route.app = app
    return route


if __name__ == "__main__":
    main(sys.argv[1:])
