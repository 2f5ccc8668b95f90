"""The demo: a real Home Assistant on http://127.0.0.1:8123 with Pandora configured.

Started by `scripts/demo.sh` (which runs the bootstrap first). Everything lives in `.demo/`
(or in `$PANDORA_DEMO_DIR`):
- two real qbittorrent-nox daemons on loopback: a "seeder" holding the demo files, and the
  "demo" daemon Pandora manages (Web UI on http://127.0.0.1:18080) with torrents that seed, one
  that is paused and one that downloads live from the seeder at a limited rate;
- a Home Assistant configuration with the integration linked in, onboarded through its REST API
  with a demo user, Pandora's hub entry and its qBittorrent subentry created through the same
  config-flow endpoints the UI uses.
Every step checks what already exists first, so a second run only starts what is not running.

    python -m devtools.demo [start|stop|status|info]

`info` prints the addresses and credentials as JSON. Tests run a second, throw-away demo next to
the user's with two environment variables:
- `PANDORA_DEMO_DIR`: where everything lives (default `.demo/` in the repo);
- `PANDORA_DEMO_PORT_BASE`: Home Assistant listens on that port and every other service on the
  next ones (default: 8123, and 18080-18083 (`PANDORA_DEMO_QB_PORT`) and 18090-18097).
`PANDORA_DEMO_FILE_INTO_LIBRARY=0` leaves finished downloads in Downloaded instead of filing linked
titles into Movies / TV Shows (the browser test moves one there itself, in the Files tab).
"""
