"""Entry file and home page: Ask (placeholder until the chat issue lands)."""

import streamlit as st

from ui.shell import page_setup

page_setup("Ask")
st.title("Why does normalizing input features speed up learning?")
st.info("The chat is being built. Meanwhile, try Explore.")
