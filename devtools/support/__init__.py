"""Test support: real qBittorrent daemons, torrent files, fixtures shared by tests, demo and bench."""
