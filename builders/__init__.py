"""Curated sources to typed records to RDF.

The pipeline is visible in the module names: ``yamlsource`` reads files with line numbers,
``vocabulary``, ``articles`` and ``statements`` turn them into the typed records of
``records``, ``iris`` mints every IRI, ``to_rdf`` turns records into a graph, ``shacl``
validates it and ``build`` writes the outputs.
"""
