"""Pure async clients for the services Pandora talks to (no Home Assistant imports)."""
