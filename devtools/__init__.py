"""Development tools: the servers Pandora is tested, benchmarked and demonstrated against.

- `simulators/`: faithful simulators of the services that cannot run here (TMDB, Watchmode,
  Jackett, Jellyfin, Portainer, gluetun, a 10,000-torrent qBittorrent, a BitTorrent tracker),
  built from their documented APIs, their sources and recorded answers;
- `support/`: the real daemons that do run here (qbittorrent-nox, Cloud Commander, dockerd),
  torrent files and payloads, and the simulated media services set up as Pandora subentries;
- `demo/`: the demo (`scripts/demo.sh`), a real Home Assistant with Pandora against all of them.

Used by `tests/`, the demo and `bench/`; never imported by `custom_components/`.
"""
