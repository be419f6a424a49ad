"""policykg app entry point: `kg app` or `KG_STORE=DIR streamlit run app/main.py`.

Pages are scripts in app/app_pages/ registered with st.navigation; what they share (the
store, caches, messages kept over a rerun) is in appkit.py, and what they show comes from
the read-side modules of kg.views. The folder must not be called pages/: Streamlit then
runs a page opened by URL (/graph) in its old multipage mode, without this script, its
navigation or its page config.
"""

import streamlit as st

import appkit


def main() -> None:
    st.set_page_config(page_title="policykg", page_icon=":material/hub:", layout="wide")
    appkit.show_flashed()
    st.navigation(appkit.pages()).run()


main()
