"""Plotly figure builders: arrays in, ``go.Figure`` out, labels in the user's language.

One module per page (``figures.batches``, ``figures.broadcasting`` …). They are
pure functions without Streamlit, so tests can check a chart's data directly.
"""
