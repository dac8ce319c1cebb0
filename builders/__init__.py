"""Curated sources to typed records to RDF.

The pipeline is visible in the module names: ``yamlsource`` reads files with line numbers,
``vocabulary``, ``articles`` and ``statements`` turn them into the typed records of
``records``, ``iris`` mints every IRI, ``to_rdf`` turns records into a graph, ``shacl``
validates it and ``build`` writes the outputs. ``paths`` says where files are found: the
user's ``data/`` and ``out/`` in the current folder, the package's own ontology, shapes and
gazetteer in ``resources/``. The extraction pipeline lives in ``builders.ingest``, which
this part never imports.
"""
