"""Pure async clients for the services Pandora talks to, and their models.

May import: the standard library, aiohttp and the parsers; nothing of the integration outside
`api/`, and never Home Assistant (import-linter's `api-pure` and `stack` contracts).
"""
