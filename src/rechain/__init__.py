"""rechain: open intelligence for the rare-earth industry chain."""

__version__ = "0.1.0"
