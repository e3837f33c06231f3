"""`kg push`: the built dataset into another triple store, over the SPARQL 1.1 Graph Store HTTP Protocol
or SPARQL 1.1 Update."""
