"""The controls that correct the graph (docs/corrections.md), one function each, for
the pages to call where a fact, an entity or an agreement is shown. Each calls a
``kg.archive.corrections`` function; a refusal is shown with its reason, a success
reruns the page, which then reads the corrected store (every write changes the store's
version, which every cached read is keyed on)."""

from __future__ import annotations

import streamlit as st

import appkit
from kg.archive import corrections as C
from kg.archive.corrections.agreements import agreement_state, set_agreement
from kg.archive.corrections.identity import mention_reasons
from kg.archive.corrections.listing import correction_rows
from kg.archive.corrections.terms import fact_term, predicate_iri
from kg.core.errors import KgError
from kg.core.constants import STAGES

NO_CHANGE = "(as the documents say)"


def author() -> str:
    """Who signs: ``kg app --author``, else $KG_AUTHOR, else the user name."""
    return C.author_name()


def run(action, *args, **kwargs) -> None:
    """Make a correction; a refusal is shown with its reason, a success reruns."""
    try:
        made = action(appkit.store(), *args, author=author(), **kwargs)
    except KgError as exc:
        st.error(f"Not corrected: {exc}")
        return
    appkit.flash([f"Correction {c.id}: {c.kind}" + (" undone" if not c.active else "")
                  for c in (made if isinstance(made, list) else [made])])
    st.rerun()


def records() -> list[dict]:
    """Every correction (undone ones too), oldest first, cached until the store changes."""
    return appkit.read_with(correction_rows, True)


def about(iri: str) -> list[dict]:
    """The active corrections whose terms name ``iri``."""
    return [r for r in records() if r["status"] == "active" and iri in (
        r["subject"], r["object"], r["target"], r["other"], r["new_node"])]


# -- per fact --------------------------------------------------------------------------------
def fact_controls(fact: dict, key: str) -> None:
    """Under a fact: who added it (and Undo) for an analyst's fact, else Wrong."""
    if fact.get("document") == str(C.ADDED_GRAPH):
        predicate = str(predicate_iri(fact["predicate"]))
        added = [r for r in about(fact["subject"]) if r["kind"] == "add"
                 and r["predicate"] == predicate and r["object"] == fact["object"]]
        for row in added[:1]:
            correction_line(row, key)
        return
    wrong_button(fact, key)


def wrong_button(fact: dict, key: str) -> None:
    """"Wrong" under a fact: a reason, then reject it."""
    with st.popover("Wrong", help="Reject this fact: it leaves the graph, its sentence "
                                  "stays stored, and you can undo it"):
        why = st.text_input("Why is it wrong?", key=f"{key}-why")
        if st.button("Reject this fact", key=f"{key}-reject", type="primary"):
            predicate = predicate_iri(fact["predicate"])
            run(C.reject, fact["subject"], predicate,
                fact_term(predicate, fact["object"]), reason=why)


def undo_button(row: dict, key: str) -> None:
    if st.button("Undo", key=f"{key}-undo", help=f"Undo correction {row['id']}"):
        run(C.undo, row["id"])


def correction_line(row: dict, key: str) -> None:
    """A correction as a marked line: what, by whom, why; and Undo."""
    left, right = st.columns([6, 1], vertical_alignment="center")
    what = {"add": "Added", "reject": "Rejected", "merge": "Merged", "label": "Labelled",
            "split": "Split"}[row["kind"]]
    reason = f": {appkit.md(row['reason'])}" if row["reason"] else ""
    left.markdown(f":orange-badge[{what} by {appkit.md(row['author'])}] "
                  f"`{row['terms']}`{reason}")
    with right:
        undo_button(row, key)


# -- per entity ------------------------------------------------------------------------------
def entity_corrections(iri: str) -> None:
    """The analysts' corrections about an entity, each marked, with Undo."""
    rows = about(iri)
    if rows:
        st.subheader(f"Corrected by analysts ({len(rows)})")
        for i, row in enumerate(rows):
            correction_line(row, f"about-{i}")


def merge_form(info: dict) -> None:
    """Merge this entity into another of its kind (its facts then show on that one)."""
    with st.expander("Merge into another entity"):
        text = st.text_input("Find the entity it is", key="merge-search")
        _, found = appkit.read("pick_entities", text, info["kind"], 101) if text else (0, [])
        found = [e for e in found if e["iri"] != info["iri"]][:100]
        keep = st.selectbox("Merge into", [e["iri"] for e in found], index=None,
                            format_func={e["iri"]: appkit.entity_option(e)
                                         for e in found}.get, key="merge-into")
        why = st.text_input("Why are they one?", key="merge-why")
        if st.button("Merge", key="merge-go", disabled=keep is None, type="primary"):
            st.query_params["iri"] = keep  # this entity is gone after the merge
            run(C.merge, keep, info["iri"], reason=why)


def identity_panel(info: dict) -> None:
    """Why the documents' mentions are this one node, and Split for a wrong one."""
    if info["kind"] == "Country":
        return  # a country is its ISO code
    rows = appkit.read_with(mention_reasons, info["iri"])
    with st.expander(f"Why these {len(rows)} mentions are one {info['kind'].lower()}"):
        for reason in sorted({r["reason"] for r in rows}):
            docs = [r for r in rows if r["reason"] == reason]
            names = sorted({r["name"] for r in docs if r["name"]})
            qids = sorted({r["wikidata"] for r in docs if r["wikidata"]})
            st.markdown(f"**{appkit.md(reason)}** ({len(docs)} document"
                        f"{'s' * (len(docs) != 1)}): "
                        + appkit.md(", ".join(f"“{n}”" for n in names))
                        + (f" · Wikidata {', '.join(qids)}" if qids else ""))
        split_form(info, rows)


def split_form(info: dict, rows: list[dict]) -> None:
    names = {r["document"]: f"{r['file_name']} (“{r['name'] or '?'}”)" for r in rows}
    chosen = st.multiselect("These documents mean another entity", list(names),
                            format_func=names.get, key="split-docs")
    why = st.text_input("Why?", key="split-why")
    if st.button("Split", key="split-go", disabled=not chosen or len(chosen) == len(rows)):
        run(C.split, info["iri"], chosen, reason=why)


# -- per agreement ---------------------------------------------------------------------------
def agreement_editor(iri: str) -> None:
    """Set an agreement's parties, stage, date and label (each change is a correction)."""
    state = appkit.read_with(agreement_state, iri)
    actors = _actors()
    actors.update({str(p): str(p) for p in state.parties if str(p) not in actors})
    with st.expander("Correct this agreement"), st.form(key=f"edit-{iri}"):
        label = st.text_input("Label", value=min(state.labels, default=""))
        parties = st.multiselect("Parties", list(actors), format_func=actors.get,
                                 default=sorted(str(p) for p in state.parties))
        now = sorted(state.statuses)
        stage = st.selectbox("Stage", [NO_CHANGE, *STAGES], index=(
            1 + STAGES.index(now[0]) if len(now) == 1 else 0))
        date = st.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)",
                             value=min((str(d) for d in state.dates), default=""))
        why = st.text_input("Why?")
        if st.form_submit_button("Save corrections", type="primary"):
            from rdflib import URIRef

            run(set_agreement, iri, parties={URIRef(p) for p in parties},
                stage=None if stage == NO_CHANGE else stage, date=date.strip() or None,
                label=label, reason=why)


def _actors(most: int = 300) -> dict[str, str]:
    """Parties to offer: every country, and the organizations most documents mention
    (a store may hold thousands; a party not offered is added with kg correct add)."""
    _, countries = appkit.read("pick_entities", "", "Country", 1000)
    _, organizations = appkit.read("pick_entities", "", "Organization", most)
    return {e["iri"]: appkit.entity_option(e) for e in countries + organizations}
