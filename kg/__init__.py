"""kg: build a knowledge graph with provenance from ODOP news articles, and query it with SPARQL.

Data flows one way: seeds -> documents -> extract -> resolve -> rdf -> store -> query / views / analytics.
"""

__version__ = "0.1.0"
