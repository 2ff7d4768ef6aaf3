"""The floor as a multipage app: this home page, and benchmarks/floor_app.py's page at /Explore (pages/).

A learner's shared link opens a page URL, and Streamlit's own frontend takes longer to show a page opened at
its URL than the same page at "/" (issue 19: about 0.4 s in a fresh visit). benchmarks/first_visit.py prints
this floor beside the single page's, so that cost is seen as Streamlit's, not the app's.
"""

import streamlit as st

st.title("Floor")
