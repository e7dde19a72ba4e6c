"""From text to linked entities and typed events, every item with its character span."""
