"""Entity: everything about one person, country, organization or agreement, each fact
with the sentence that states it and its document, or marked as added by the actor
knowledge base (with its sources); the Wikidata ID, when known, as a link."""

import streamlit as st

import appkit
from kg.views.display import KINDS

MAX_MENTIONS = 50  # a country may be mentioned in every document

st.title("Entity")
ents = {e["iri"]: e for e in appkit.read("entities")}
if not ents:
    st.info("The store is empty: add documents on the Ingest page.")
    st.stop()
wanted = st.query_params.get("iri")
left, right = st.columns([3, 1])
text = left.text_input("Search names and aliases", placeholder="e.g. NATO")
kind = right.selectbox("Kind", ["All", *KINDS])
found = [e["iri"] for e in appkit.read("search_entities", text)] if text.strip() else ents
options = [i for i in found if kind in ("All", ents[i]["kind"])]
if wanted in ents and wanted not in options:
    options.insert(0, wanted)  # the entity named in the URL stays selectable
iri = st.selectbox("Entity", options, index=options.index(wanted) if wanted in ents else None,
                   format_func=lambda i: appkit.entity_option(ents[i]),
                   placeholder="Type a name…")
if iri is None:
    st.stop()
if iri != wanted:
    st.query_params["iri"] = iri  # the URL names the entity: shareable, back button works

info = appkit.read("entity", iri)
st.header(info["label"])
details = [info["kind"]]
if info["iso_code"]:
    details.append(f"ISO {info['iso_code']} / {info['iso_code3'] or '–'}")
if info["aliases"]:
    details.append("also: " + ", ".join(info["aliases"]))
details += [f"Wikidata [{qid}]({url})" for qid, url in info["wikidata"]]
st.caption(" · ".join(details))

if info["kind"] == "Agreement":
    appkit.agreement_text(iri)  # its text, signing date and place, signatories

facts = appkit.read("entity_facts", iri)
stated = [f for f in facts if f["predicate"] != "mentions"]
mentions = [f for f in facts if f["predicate"] == "mentions"]

st.subheader(f"Facts ({len(stated)})")
if not stated:
    st.caption("No facts about this entity beyond its mentions.")
for i, fact in enumerate(stated):
    with st.container(border=True, key=f"fact-{i}"):  # key: a CSS class tests can find
        st.markdown(f"**{appkit.md(fact['subject_label'])}** · *{fact['predicate']}* · "
                    f"**{appkit.md(fact['value'])}**")
        if fact["sources"]:  # not stated by the text: added from the knowledge base
            st.markdown("*From the knowledge base, not stated in the text:* "
                        + appkit.md(", ".join(fact["sources"])))
        else:
            st.markdown(f"> {appkit.md(fact['evidence']) or '(no sentence recorded)'}")
        if fact["rules"]:  # which extraction rule read it (kg explain tells more)
            st.caption("rule: " + ", ".join(fact["rules"]))
        appkit.link("documents", appkit.document_option(fact), doc=fact["document"])

docs = {m["document"] for m in mentions}
st.subheader(f"Mentioned in {len(docs)} document{'s' if len(docs) != 1 else ''}")
for m in mentions[:MAX_MENTIONS]:
    st.markdown(f"**{appkit.md(appkit.document_option(m))}**: "
                f"{appkit.md(appkit.clip(m['evidence']))}")
if len(mentions) > MAX_MENTIONS:
    st.caption(f"… and {len(mentions) - MAX_MENTIONS} more mentions.")
