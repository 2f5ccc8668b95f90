"""Faithful HTTP simulators of services that cannot run here (real HTTP on 127.0.0.1)."""
