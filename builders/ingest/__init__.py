"""Any text -> draft statements for review: the extraction pipeline.

``textsource`` (with ``htmltext``, ``markdowntext``, ``pagemeta``) reads .txt, .md and .html
files into readable text and metadata; ``nlp`` runs the spaCy pipeline (the shipped UD
English-EWT parser, with ``lexicon`` mentions merged into single tokens); ``extract`` reads
each predicate's claim from the parse, with ``arguments`` (who and what), ``scope``
(negation, modality, quantifiers, attribution) and ``rules`` (the cue table and the
relations' domains and ranges from ontology.ttl); ``candidates`` lists names the vocabulary
lacks; ``drafts`` writes the draft statements file; ``article`` ingests one article into a
data folder and ``batch`` many, in parallel. It depends one way on the curated-data loaders
in ``builders``, which never import it.
"""
