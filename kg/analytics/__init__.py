"""Analytics over a built graph: statistics and centrality, paths between entities, exports.

Everything here works from the entity graph of `kg.views.entity_graph` (the graph the HTML view draws)
or, for the RDF exports, from the graph's store.
"""
