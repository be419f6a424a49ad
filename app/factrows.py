"""How a page shows one fact, one mention, and a long list 50 at a time.

One function per row, so what a row offers (a link to its document, the analyst's
controls to correct it) is added in one place for every page that lists facts.
"""

from __future__ import annotations

import math

import streamlit as st

import appkit
import correcting


def show_fact(fact: dict, key: str) -> None:
    """One fact as *subject · predicate · value*, its sentences (or the knowledge
    sources that added it), the rules that read it and a link to its document."""
    with st.container(border=True, key=key):  # key: a CSS class tests can find
        st.markdown(f"**{appkit.md(fact['subject_label'])}** · *{fact['predicate']}* · "
                    f"**{appkit.md(fact['value'])}**")
        if fact["sources"]:  # not stated by the text: added from the knowledge base
            st.markdown("*From the knowledge base, not stated in the text:* "
                        + appkit.md(", ".join(fact["sources"])))
        else:
            for sentence in fact["evidence"] or ["(no sentence recorded)"]:
                st.markdown(f"> {appkit.md(sentence)}")
        if fact["rules"]:  # which extraction rule read it (kg explain tells more)
            st.caption("rule: " + ", ".join(fact["rules"]))
        document_link(fact)
        correcting.fact_controls(fact, key=key)


def show_mention(mention: dict) -> None:
    """A document that mentions the entity, with the sentence that does."""
    sentence = appkit.clip(" … ".join(mention["evidence"]))
    st.markdown(f"**{appkit.md(appkit.document_option(mention))}**: {appkit.md(sentence)}")


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
