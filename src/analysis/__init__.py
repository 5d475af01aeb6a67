"""Tables and comparisons from Chinese local-government work reports.

The pipeline runs one way: ``data/raw`` (immutable reports and their manifest)
→ ``data/processed`` (tables) → notebooks and figures.  Each stage is a module
of plain functions that take and return DataFrames; see ``analysis.schema`` for
every column of every table.
"""

__version__ = "0.1.0"
