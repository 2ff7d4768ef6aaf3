"""The floor for serving benchmarks: the most trivial page Streamlit serves (a title, two metrics, a chat box).

benchmarks/hostile.py serves it exactly as the app is served and sends it the same requests, so every
figure is printed beside what Streamlit itself costs on this machine, at this load.
"""

import streamlit as st

st.title("Floor")
left, right = st.columns(2)
left.metric("Condition number", "5.04 × 10⁶")
right.metric("Largest stable rate", "3.1 × 10⁻⁶")
typed = st.chat_input("Ask", key="chat_question")
if typed is not None:
    with st.chat_message("assistant"):
        st.text(f"{len(typed):,} characters")
