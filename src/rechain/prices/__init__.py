"""Prices as data: price points from the knowledge base and from news events, on one
stated basis (currency per kilogram, VAT stated), as series per material and market."""
