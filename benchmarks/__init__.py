"""Benchmarks of the pipeline on synthetic input at the scale of Flanders and beyond.

``python -m benchmarks.generate`` writes the input and ``python -m benchmarks.run``
measures every stage; see ``benchmarks/README.md``.
"""
