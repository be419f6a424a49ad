"""The read side the app, the CLI and the exports share: tables, timeline, networks, explanations."""
