"""Derivation page (placeholder until its issue lands)."""

import streamlit as st

from ui.shell import page_setup

page_setup("Derivation")
st.title("Derivation")
st.info("This page is being built.")
