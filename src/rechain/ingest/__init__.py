"""Getting articles in: files, URLs, feeds and dumps to clean text, with skips counted."""
