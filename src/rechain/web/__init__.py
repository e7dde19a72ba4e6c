"""rechain's web face: one FastAPI process serving the JSON API (`web.api`) and the pages
(`web.pages`), both thin layers over the library's typed results and the store's pages."""
