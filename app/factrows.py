"""How a page shows one fact, one mention, and a long list 50 at a time.

One function per row, so what a row offers (a link to its document, the analyst's
controls to correct it) is added in one place for every page that lists facts. A page of
facts is one table (``fact_table``) with one fact opened in full beside it
(``open_fact``), and a page of mentions one block of text: a browser draws one element
where it would draw fifty boxes with their links and controls (1.3 CPU-s of Chromium for
the Entity page of a country in 9,873 documents, each time it is shown).
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

import appkit
import correcting


KB = "From the knowledge base, not stated in the text: "  # a fact's evidence, when added


def show_fact(fact: dict, key: str) -> None:
    """One fact as *subject · predicate · value*, its sentences (or the knowledge
    sources that added it), the rules that read it and a link to its document."""
    with st.container(border=True, key=key):  # key: a CSS class tests can find
        st.markdown(f"**{appkit.md(fact['subject_label'])}** · *{fact['predicate']}* · "
                    f"**{appkit.md(fact['value'])}**")
        if fact["sources"]:  # not stated by the text: added from the knowledge base
            st.markdown(f"*{KB.rstrip()}* " + appkit.md(", ".join(fact["sources"])))
        else:
            for sentence in fact["evidence"] or ["(no sentence recorded)"]:
                st.markdown(f"> {appkit.md(sentence)}")
        if fact["rules"]:  # which extraction rule read it (kg explain tells more)
            st.caption("rule: " + ", ".join(fact["rules"]))
        document_link(fact)
        correcting.fact_controls(fact, key=key)



def fact_table(facts: list[dict]) -> None:
    """Facts as one table: subject, predicate, value, the sentences that state them (or
    the knowledge sources that added them), the rules that read them, their document."""
    st.dataframe(pd.DataFrame({
        "subject": [f["subject_label"] for f in facts],
        "predicate": [f["predicate"] for f in facts],
        "value": [f["value"] for f in facts],
        "evidence": [KB + ", ".join(f["sources"]) if f["sources"]
                     else " … ".join(f["evidence"]) for f in facts],
        "rule": [", ".join(f["rules"]) for f in facts],
        "document": [appkit.document_option(f) if f.get("file_name") else "not from a document"
                     for f in facts]}), hide_index=True)


def fact_option(fact: dict) -> str:
    return f"{fact['subject_label']} · {fact['predicate']} · {fact['value']}"


def open_fact(facts: list[dict], offset: int, name: str) -> None:
    """A fact of the table chosen by name, shown in full with its link and controls
    (``show_fact``; its key is its place in the whole list: ``fact-N``). ``name`` says
    which list (the pager's): another entity's page starts with none open. The choice is
    the fact itself (subject, predicate, object, document), not its row: a fact just
    rejected leaves the list, and the choice with it, rather than opening its neighbour."""
    rows = {"\t".join((f["subject"], f["predicate_iri"], f["object"], f["document"])): i
            for i, f in enumerate(facts)}
    chosen = st.selectbox("Open a fact: its sentences, its document, and Wrong", list(rows),
                          index=None, key=f"open:{name}:{offset}",
                          format_func=lambda fact: fact_option(facts[rows[fact]]),
                          placeholder="Pick a fact to see it in full or correct it…")
    if chosen in rows:
        show_fact(facts[rows[chosen]], key=f"fact-{offset + rows[chosen]}")


def show_mentions(mentions: list[dict]) -> None:
    """Documents that mention the entity, each with the sentence that does: one block."""
    st.markdown("\n\n".join(
        f"**{appkit.md(appkit.document_option(m))}**: "
        f"{appkit.md(appkit.clip(' … '.join(m['evidence'])))}" for m in mentions))


def document_link(row: dict) -> None:
    if row.get("file_name"):
        appkit.link("documents", appkit.document_option(row), doc=row["document"])
    else:  # a fact an analyst added: it has no document
        st.caption("not from a document")


def pager(name: str, total: int, size: int, noun: str, order: str = "newest first",
          moves: tuple[str, str] = ("← Newer", "Older →")) -> int:
    """Previous / next over ``total`` rows, ``size`` at a time, in ``order`` (the
    buttons say ``moves``); the offset to read. The page number lives in the session
    under ``name`` (per list shown)."""
    pages = max(1, math.ceil(total / size))
    page = min(st.session_state.get(name, 0), pages - 1)

    def move(step: int) -> None:  # before the rerun: the buttons then show the new page
        st.session_state[name] = min(max(page + step, 0), pages - 1)

    left, middle, right = st.columns([1, 4, 1], vertical_alignment="center")
    left.button(moves[0], key=f"{name}-prev", disabled=page == 0, on_click=move, args=(-1,))
    right.button(moves[1], key=f"{name}-next", disabled=page >= pages - 1, on_click=move,
                 args=(1,))
    first, last = page * size + 1, min(total, (page + 1) * size)
    middle.caption(f"{noun} {first:,}–{last:,} of {total:,}, {order}"
                   if total > size else f"{total:,} {noun}, {order}")
    return page * size
