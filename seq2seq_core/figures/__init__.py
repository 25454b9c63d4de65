"""Plotly figure builders: arrays in, ``go.Figure`` out, labels in the user's language.

One module per page (``figures.batches``, ``figures.broadcasting`` …). They are
pure functions without Streamlit, so tests can check a chart's data directly.
"""
# plotly's validators use pandas only if it is in sys.modules already, and look
# there without importing it. A figure built while another thread is still
# importing pandas for the first time (in the app: a visitor's first home page
# while a student's charts redraw) then fails with "partially initialized
# module 'pandas' has no attribute 'Series'" (seen in benchmarks.classroom_load).
# Importing it here, a real import, makes such a thread wait until pandas is whole.
import pandas  # noqa: F401
