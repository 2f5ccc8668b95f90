"""The hub: what every feature package builds on, and nothing feature-specific.

Holds the coordinator and entity bases (a coordinator builds its client's session and its device
from class attributes), HTTP sessions, client errors as translated Home Assistant errors
(`safe_text`), finding the service an action names (`targets`, `one_target`), the permission table
and its one check, input errors people can read (validation), announcing events, the subentry
flow base that every service's flow is generated from, the response cache and read-once stores.

May import: `..api`, `..const` and Home Assistant. Never a feature package nor the root
(import-linter's layers contract, pyproject.toml).
"""
