"""A syrupy extension writing the panel's test fixtures: `frontend/test/fixtures/<name>.json`.

`assert answer == fixture("info_admin")` compares a websocket answer with the panel's fixture
of that name, one pretty JSON file per snapshot, keys in the order Python sent them; with
`pytest --snapshot-update tests/test_panel_contract.py` the answers are written there, so
Vitest runs on what Python actually sends.

The fixtures folder is not syrupy's to clean: snapshots are never discovered there, so none
is reported unused or deleted (the folder may hold other files the panel's tests read).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
import warnings

from syrupy.assertion import SnapshotAssertion
from syrupy.data import SnapshotCollections
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from syrupy.location import PyTestLocation
from syrupy.types import PropertyFilter, PropertyMatcher, SerializableData, SerializedData

FIXTURES = Path(__file__).parent.parent / "frontend" / "test" / "fixtures"


class PanelFixtureExtension(SingleFileSnapshotExtension):
    """One `<name>.json` per snapshot in the panel's fixtures folder."""

    file_extension = "json"
    _write_mode = WriteMode.TEXT

    def serialize(
        self,
        data: SerializableData,
        *,
        exclude: PropertyFilter | None = None,
        include: PropertyFilter | None = None,
        matcher: PropertyMatcher | None = None,
    ) -> SerializedData:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(FIXTURES)

    @classmethod
    def get_snapshot_name(cls, *, test_location: PyTestLocation, index: Any = 0) -> str:
        assert isinstance(index, str), "name every panel fixture: fixture(snapshot, 'name')"
        return index

    @classmethod
    def write_snapshot(cls, **kwargs: Any) -> None:
        # The fixtures are named for the panel, not for the test module or test: syrupy's
        # warnings that it cannot relate them to the test do not apply.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "\nCan not relate snapshot", UserWarning)
            super().write_snapshot(**kwargs)

    def discover_snapshots(
        self, *, test_location: PyTestLocation, ignore_extensions: list[str] | None = None
    ) -> SnapshotCollections:
        return SnapshotCollections()


def panel_fixture(snapshot: SnapshotAssertion, name: str) -> SnapshotAssertion:
    """The snapshot stored as `frontend/test/fixtures/<name>.json`."""
    return snapshot.use_extension(PanelFixtureExtension)(name=name)
