"""The request pipeline's timings, in one place (tests shorten them: read them at use)."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

CHECK_INTERVAL: Final = 5.0  # seconds between looks at downloads and imports (events come sooner)
STALL_MINUTE: Final = 60.0  # seconds in one of `stall_minutes` (tests shorten it)
LOOKUP_FIRST: Final = 2.0  # seconds before the second Jellyfin lookup; growing 1.5x to...
LOOKUP_MAX: Final = 30.0  # ... this
LOOKUP_TIMEOUT: Final = 900.0  # then it is available anyway (filed; Jellyfin may not match it)
SEARCH_RETRY_FIRST: Final = 30.0  # seconds before a search no Jackett answered is tried again
SEARCH_RETRY_MAX: Final = 900.0
IMPORT_CLOCK_SLACK: Final = timedelta(hours=1)  # Jellyfin's clock may differ from ours
