"""Plotly figure builders: arrays in, ``go.Figure`` out, labels in the user's language.

One module per page (``figures.batches``, ``figures.broadcasting`` …; the hidden-state
page has ``hidden_states_heatmaps`` and ``hidden_states_bottleneck``). They are pure
functions without Streamlit, so tests can check a chart's data directly.
"""
# plotly's validators and JSON encoder use pandas and PIL.Image only if they are
# in sys.modules already, and look there without importing them. A figure built
# while another thread is still importing one of them for the first time (in the
# app: a visitor's first home page while a student's charts redraw) then fails
# with "partially initialized module 'pandas' has no attribute 'Series'", or
# "… 'PIL.Image' has no attribute 'Image'" (both seen in benchmarks.classroom_load).
# Importing them here, real imports, makes such a thread wait until they are whole.
import pandas  # noqa: F401
import PIL.Image  # noqa: F401
