"""The writers behind ``kg.export`` that ``kg.rdfio`` does not provide.

- ``kg.exports.common``: canonical blank-node labels and XML character checks, shared by the writers;
- ``kg.exports.jsonld``: deterministic JSON-LD (a flat ``@graph`` with the project's prefixes as ``@context``);
- ``kg.exports.rdfxml``: deterministic RDF/XML (one ``rdf:Description`` per subject);
- ``kg.exports.network``: the networkx mirror as GraphML, GEXF and CSV tables;
- ``kg.exports.http``: a small standard-library HTTP client with Basic and Digest authentication;
- ``kg.exports.push``: pushing to a triple store over the SPARQL 1.1 Graph Store Protocol.

Use them through ``kg.export`` and ``kg.remote``; they import nothing heavy at import time.
"""
