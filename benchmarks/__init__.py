"""Speed and load measurements.

Run each as ``python -m benchmarks.<name>`` from the repository root.
"""
