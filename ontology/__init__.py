"""Package data: the diplomatic-kg ontology (``dkg.ttl``), its SHACL shapes (``shapes.ttl``) and the built-in
named questions (``queries/*.rq``). Installed as ``kg.ontology``; see ``kg.resources``."""
