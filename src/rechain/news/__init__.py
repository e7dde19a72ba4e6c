"""The news, above ingest/ (sources to documents) and extract/ (documents to mentions and
events): the ingest run, recording articles, reviewing proposals, reading events back."""
