"""Streamlit-side helpers shared by the pages: layout, cached engine calls, rendering.

Nothing here computes: it reads inputs, calls `explainer`, and draws what comes back.
"""
