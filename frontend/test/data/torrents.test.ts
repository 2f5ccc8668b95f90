import { describe, expect, it } from "vitest";
import { isComplete, matchesFilter, statusLabel, torrentComparator, torrentFacts } from "../../src/data/torrents";
import type { Torrent } from "../../src/data/types";

const base: Torrent = {
  instance: "nas",
  instance_title: "qBittorrent",
  hash: "a".repeat(40),
  name: "Dune Part Two",
  state: "downloading",
  status: "downloading",
  progress: 0.5,
  size: 2_000_000_000,
  download_speed: 1_000_000,
  upload_speed: 0,
  eta: 1000,
  added: 100,
  held: null,
};
const t = (changes: Partial<Torrent>): Torrent => ({ ...base, ...changes });

describe("torrent helpers", () => {
  it("reads the status a person expects", () => {
    expect(statusLabel(base)).toBe("Downloading");
    expect(statusLabel(t({ status: "paused", progress: 1 }))).toBe("Completed");
    expect(statusLabel(t({ status: "paused" }))).toBe("Paused");
    expect(statusLabel(t({ state: "stalledDL" }))).toBe("Stalled");
    expect(statusLabel(t({ state: "metaDL" }))).toBe("Fetching metadata");
    expect(statusLabel(t({ status: "errored" }))).toBe("Error");
    expect(statusLabel(t({ status: "unknown" as Torrent["status"] }))).toBe("unknown");
  });

  it("filters as the get_torrents action does", () => {
    expect(matchesFilter(base, "all")).toBe(true);
    expect(matchesFilter(base, "downloading")).toBe(true);
    expect(matchesFilter(base, "seeding")).toBe(false);
    expect(matchesFilter(t({ progress: 1, status: "seeding" }), "completed")).toBe(true);
    expect(isComplete(base)).toBe(false);
  });

  it("orders by date, progress and name, ties by torrent", () => {
    const a = t({ name: "Part 2", added: 5, progress: 0.2, hash: "1" });
    const b = t({ name: "Part 10", added: 9, progress: 0.9, hash: "2" });
    const c = t({ name: "Part 2", added: 5, progress: 0.2, hash: "3", instance: "box" });
    expect([b, a].sort(torrentComparator("name"))).toEqual([a, b]);
    expect([a, b].sort(torrentComparator("progress"))).toEqual([b, a]);
    expect([a, b].sort(torrentComparator("added"))).toEqual([b, a]);
    expect([a, c].sort(torrentComparator("added"))).toEqual([c, a]);
    expect(torrentComparator("name")(a, { ...a })).toBe(0);
  });

  it("tells what a row shows", () => {
    expect(torrentFacts(base, "en")).toEqual({
      percent: 50,
      valueNow: 50,
      percentText: "50%",
      sizeText: "1 GB of 2 GB",
      downloadSpeed: true,
      uploadSpeed: false,
      eta: true,
    });
    const seeding = torrentFacts(t({ status: "seeding", progress: 1, download_speed: 0 }), "en");
    expect(seeding).toMatchObject({ percent: 100, valueNow: 100, percentText: "100%", sizeText: "2 GB" });
    expect(seeding).toMatchObject({ downloadSpeed: false, uploadSpeed: true, eta: false });
    const stalled = torrentFacts(t({ download_speed: 0, progress: 0.12345 }), "en");
    expect(stalled).toMatchObject({ valueNow: 12.3, downloadSpeed: true, eta: false });
  });
});
