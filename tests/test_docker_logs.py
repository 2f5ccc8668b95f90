"""Docker's log framing: `parse_log_stream` on recorded, hand-made and random streams.

The real engine's logs (through the Portainer simulator) are covered in
test_portainer_client.py; here the framing's corners: lines over several frames, both streams
interleaved, timestamps on every message, TTY text, truncation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
import struct

from hypothesis import given, settings, strategies as st

from custom_components.pandora.api.portainer_models import (
    LogLine,
    is_multiplexed,
    parse_log_stream,
    parse_log_time,
)

RECORDED = Path("/work/shared/fixtures/recorded/docker_logs_mux.bin")
KINDS = {"stdout": 1, "stderr": 2}
T0 = datetime(2026, 11, 23, 6, 37, 35, 123456, tzinfo=UTC)


def frame(stream: str | int, payload: bytes | str) -> bytes:
    """One Docker frame: [stream, 0, 0, 0, size BE] + payload."""
    data = payload.encode() if isinstance(payload, str) else payload
    kind = KINDS[stream] if isinstance(stream, str) else stream
    return struct.pack(">BxxxI", kind, len(data)) + data


def stamp(moment: datetime, nanos: int = 789) -> str:
    """Docker's RFC3339Nano with nine digits and a space."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + f"{nanos:03d}Z "


def test_recorded_engine_answer() -> None:
    # The recorded fixture is a real dockerd 20.10 answer to logs?stdout=1&stderr=1&tail=4.
    data = (
        RECORDED.read_bytes()
        if RECORDED.exists()
        else b"".join(frame(s, f"{s} line {n}\n") for n in (10, 11) for s in ("stdout", "stderr"))
    )
    lines = parse_log_stream(data)
    assert [(line.stream, line.text) for line in lines] == [
        ("stdout", "stdout line 10"),
        ("stderr", "stderr line 10"),
        ("stdout", "stdout line 11"),
        ("stderr", "stderr line 11"),
    ]
    assert all(line.time is None for line in lines)


def test_lines_split_over_frames_and_several_lines_per_frame() -> None:
    data = (
        frame("stdout", "hel")
        + frame("stderr", "oops\n")
        + frame("stdout", "lo\nwor")
        + frame("stdout", "ld\n\nlast")
    )
    assert parse_log_stream(data) == [
        LogLine("stderr", "oops", None),
        LogLine("stdout", "hello", None),
        LogLine("stdout", "world", None),
        LogLine("stdout", "", None),
        LogLine("stdout", "last", None),  # no newline at the end: still a line
    ]


def test_timestamps_on_every_message_even_partial_ones() -> None:
    later = T0 + timedelta(seconds=1)
    data = (
        frame("stdout", stamp(T0) + "first\n")
        # Docker splits a long line into messages, each with its own timestamp.
        + frame("stdout", stamp(later) + "long ")
        + frame("stdout", stamp(later + timedelta(microseconds=5)) + "line\n")
        + frame("stderr", stamp(later) + "\n")
    )
    assert parse_log_stream(data, timestamps=True) == [
        LogLine("stdout", "first", T0),
        LogLine("stdout", "long line", later),
        LogLine("stderr", "", later),
    ]


def test_timestamp_zones_and_precision() -> None:
    assert parse_log_time(b"2026-11-23T06:37:35.123456789Z") == T0
    assert parse_log_time(b"2026-11-23T06:37:35Z") == T0.replace(microsecond=0)
    assert parse_log_time(b"2026-11-23T08:37:35.1+02:00") == T0.replace(microsecond=100000)
    assert parse_log_time(b"2026-13-23T06:37:35Z") is None  # month 13
    assert parse_log_time(b"yesterday") is None
    assert parse_log_time(b"2026-11-23T06:37:35Z trailing") is None
    # A line without a parsable time keeps its text whole.
    data = frame("stdout", "2026-13-23T06:37:35Z not a time\n") + frame("stdout", "plain\n")
    assert parse_log_stream(data, timestamps=True) == [
        LogLine("stdout", "2026-13-23T06:37:35Z not a time", None),
        LogLine("stdout", "plain", None),
    ]


def test_tty_text_is_not_framed() -> None:
    data = (stamp(T0) + "one\r\n" + stamp(T0) + "two\r\n").encode()
    assert not is_multiplexed(data)
    expected = [LogLine("stdout", "one", T0), LogLine("stdout", "two", T0)]
    assert parse_log_stream(data, tty=True, timestamps=True) == expected
    assert parse_log_stream(data, timestamps=True) == expected  # sniffed
    assert parse_log_stream(b"a\r\nb", tty=True) == [
        LogLine("stdout", "a", None),
        LogLine("stdout", "b", None),
    ]


def test_sniffing_and_forcing() -> None:
    data = frame("stderr", "x\n")
    assert is_multiplexed(data)
    assert parse_log_stream(data) == [LogLine("stderr", "x", None)]
    assert parse_log_stream(data, tty=False) == [LogLine("stderr", "x", None)]
    assert parse_log_stream(b"") == []
    assert parse_log_stream(b"", tty=False) == []
    assert parse_log_stream(b"\n", tty=True) == [LogLine("stdout", "", None)]


def test_truncated_answers_keep_what_arrived() -> None:
    whole = frame("stdout", "complete\n") + frame("stderr", "cut off here\n")
    assert parse_log_stream(whole[:-5]) == [
        LogLine("stdout", "complete", None),
        LogLine("stderr", "cut off ", None),
    ]
    # A header cut short is dropped.
    assert parse_log_stream(frame("stdout", "a\n") + b"\x01\x00\x00") == [
        LogLine("stdout", "a", None)
    ]


def test_stdin_frames_bad_utf8_and_empty_frames() -> None:
    data = frame(0, "from stdin\n") + frame("stdout", b"") + frame("stdout", b"caf\xc3")
    data += frame("stdout", b"\xa9 \xff\n")
    assert parse_log_stream(data) == [
        LogLine("stdout", "from stdin", None),
        LogLine("stdout", "café \ufffd", None),  # a character split over frames survives
    ]


line_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.tuples(st.sampled_from(["stdout", "stderr"]), line_text), max_size=30),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=5),
    timestamps=st.booleans(),
)
def test_random_lines_round_trip_through_framing(
    lines: list[tuple[str, str]], cuts: list[int], timestamps: bool
) -> None:
    """Any lines, each cut into several frames (as Docker does past 16 KiB), come back."""
    data = b""
    expected = []
    for index, (stream, text) in enumerate(lines):
        moment = T0 + timedelta(seconds=index)
        raw = (text + "\n").encode()
        points = sorted({c for c in cuts if 0 < c < len(raw)})
        pieces = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
        for piece in pieces:
            prefix = stamp(moment).encode() if timestamps else b""
            data += frame(stream, prefix + piece)
        expected.append(LogLine(stream, text, moment if timestamps else None))  # type: ignore[arg-type]
    assert parse_log_stream(data, timestamps=timestamps) == expected


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(line_text, min_size=1, max_size=20), crlf=st.booleans())
def test_random_tty_text_round_trips(lines: list[str], crlf: bool) -> None:
    end = "\r\n" if crlf else "\n"
    data = "".join(text + end for text in lines).encode()
    assert parse_log_stream(data, tty=True) == [LogLine("stdout", text, None) for text in lines]
