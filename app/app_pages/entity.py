"""Entity: everything about one person, country, organization or agreement, each fact
with the sentence that states it and its document, or marked as added by the actor
knowledge base (with its sources); the Wikidata ID, when known, as a link. Facts and
mentions are counted and shown 50 at a time, newest first: an entity may be in
thousands of documents. Each fact can be marked wrong; the entity merged into another,
split, and, for an agreement, its parties, stage, date and label set
(docs/corrections.md)."""

import streamlit as st

import appkit
import correcting
from factrows import fact_table, open_fact, pager, show_mentions
from kg.views.display import KINDS
from kg.views.entity import PAGE_SIZE

MAX_OPTIONS = appkit.ENTITY_OPTIONS  # a longer list is narrowed by typing

st.title("Entity")
wanted = st.query_params.get("iri")
left, right = st.columns([3, 1])
text = left.text_input("Search names and aliases", placeholder="e.g. NATO")
kind = right.selectbox("Kind", ["All", *KINDS])
current = appkit.read("entity", wanted) if wanted else None
total, found = 0, []
# Opened on an entity (a link, the URL), the page lists no others until asked: the list
# reads the whole catalog, the entity's own page only what is about it.
if text.strip() or kind != "All" or not current:
    total, found = appkit.read("pick_entities", text, None if kind == "All" else kind,
                               MAX_OPTIONS)
options = {e["iri"]: appkit.entity_option(e) for e in found}
if current and wanted not in options:  # the entity named in the URL stays selectable
    options = {wanted: appkit.entity_option(current), **options}
if total > len(found):
    st.caption(f"{total:,} {'matches' if text.strip() else 'entities'}: "
               f"{len(found)} of them are offered; type to narrow.")
iri = st.selectbox("Entity", list(options),
                   index=list(options).index(wanted) if current else None,
                   format_func=options.get, placeholder="Type a name above, then pick…")
if iri is None:
    st.stop()
if iri != wanted:
    st.query_params["iri"] = iri  # the URL names the entity: shareable, back button works
    st.rerun()

info = current
st.header(appkit.md(info["label"]))
details = [info["kind"]]
if info["iso_code"]:
    details.append(f"ISO {info['iso_code']} / {info['iso_code3'] or '–'}")
if info["aliases"]:
    details.append("also: " + appkit.md(", ".join(info["aliases"])))
details += [f"Wikidata [{qid}]({url})" for qid, url in info["wikidata"]]
st.caption(" · ".join(details))
correcting.entity_corrections(iri)
correcting.identity_panel(info)
correcting.merge_form(info)
if info["kind"] == "Agreement":
    correcting.agreement_editor(iri)

if info["kind"] == "Agreement":
    appkit.agreement_text(iri)  # its text, signing date and place, signatories

counts = appkit.read("entity_counts", iri)
st.subheader(f"Facts ({counts['facts']:,})")
if not counts["facts"]:
    st.caption("No facts about this entity beyond its mentions.")
else:
    offset = pager(f"facts:{iri}", counts["facts"], PAGE_SIZE, "facts")
    facts = appkit.read("entity_facts_page", iri, offset)
    fact_table(facts)  # one table, not fifty boxes: see factrows
    open_fact(facts, offset, f"facts:{iri}")

n = counts["documents"]
st.subheader(f"Mentioned in {n:,} document{'s' if n != 1 else ''}")
if n:
    offset = pager(f"mentions:{iri}", n, PAGE_SIZE, "documents")
    show_mentions(appkit.read("entity_mentions_page", iri, offset))
