"""Helpers shared by the readers.

- ``text``      PDF chars → Thai-correct glyph clusters, lines and paragraphs
- ``geometry``  bounding boxes, ruling edges, column boundaries, stitching tables across pages
"""
