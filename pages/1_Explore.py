"""Explore page (placeholder until its issue lands)."""

import streamlit as st

from ui.shell import page_setup

page_setup("Explore")
st.title("Explore")
st.info("This page is being built.")
