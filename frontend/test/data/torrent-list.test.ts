import { describe, expect, it } from "vitest";
import { applyTorrentEvent, emptyTorrentState, type TorrentDiff } from "../../src/data/api";
import { TorrentList } from "../../src/data/torrent-list";
import { FILTERS, SORTS, matchesFilter, sortTorrents } from "../../src/data/torrents";
import type { Torrent, TorrentChange, TorrentStatus } from "../../src/data/types";
import { fullTorrentEvent } from "../helpers";

const STATUSES: TorrentStatus[] = ["downloading", "seeding", "paused", "errored", "checking"];

/** A small deterministic random source (the same run every time). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function torrent(index: number, next: () => number): TorrentChange {
  return {
    instance: next() < 0.5 ? "nas" : "box",
    hash: index.toString(16).padStart(40, "0"),
    // Repeated names and dates: the order must still be total (ties by torrent).
    name: `Release ${Math.floor(next() * 50)} Part ${Math.floor(next() * 12)}`,
    state: "downloading",
    status: STATUSES[Math.floor(next() * STATUSES.length)]!,
    progress: Math.round(next() * 4) / 4,
    size: 1000,
    download_speed: Math.floor(next() * 100),
    upload_speed: Math.floor(next() * 100),
    eta: null,
    added: 1_795_000_000 + Math.floor(next() * 20),
    held: null,
  };
}

/** What the list must show, computed from scratch. */
function expected(all: Torrent[], list: TorrentList): Torrent[] {
  return sortTorrents(
    all.filter((t) => matchesFilter(t, list.filter) && t.name.toLowerCase().includes(list.query)),
    list.sort,
  );
}

describe("TorrentList", () => {
  it("keeps filter, sort, search, counts and speeds right through random events", () => {
    const next = random(19);
    const state = emptyTorrentState();
    let count = 300;
    const full = fullTorrentEvent(
      Array.from({ length: count }, (_, i) => torrent(i, next)),
      { nas: "NAS", box: "Box" },
    );
    applyTorrentEvent(state, full);
    const list = new TorrentList();
    list.reset(state.torrents.values());
    const choices = [
      ...SORTS.flatMap(([sort]) => FILTERS.map(([filter]) => ({ sort, filter, query: "" }))),
      { sort: "name" as const, filter: "all" as const, query: "part 1" },
      { sort: "progress" as const, filter: "downloading" as const, query: "RELEASE 4" },
    ];
    for (const [round, choice] of choices.entries()) {
      list.choose(choice);
      // A tick: some torrents change (sort keys and status among them), some go, some come.
      const known = [...state.torrents.values()];
      const removed = known.slice(round * 3, round * 3 + 3).map(({ instance, hash }) => ({ instance, hash }));
      const keys = known.slice(round * 3 + 3);
      const changes: TorrentChange[] = [];
      for (let i = 0; i < 25; i += 1) {
        const pick = keys[Math.floor(next() * keys.length)]!;
        const change: TorrentChange = { instance: pick.instance, hash: pick.hash };
        if (next() < 0.5) change.progress = Math.round(next() * 4) / 4;
        if (next() < 0.3) change.status = STATUSES[Math.floor(next() * STATUSES.length)]!;
        if (next() < 0.2) change.name = `Release ${Math.floor(next() * 50)}`;
        if (next() < 0.2) change.added = 1_795_000_000 + Math.floor(next() * 20);
        change.upload_speed = Math.floor(next() * 100);
        changes.push(change);
      }
      for (let i = 0; i < 5; i += 1) changes.push(torrent(count++, next));
      const diffs = applyTorrentEvent(state, { full: false, torrents: changes, removed, unavailable: [] }) as TorrentDiff[];
      list.apply(diffs);

      const all = [...state.torrents.values()];
      expect(list.shown, `round ${round}: ${JSON.stringify(choice)}`).toEqual(expected(all, list));
      expect(list.total).toBe(all.length);
      for (const [filter] of FILTERS) {
        expect(list.counts[filter]).toBe(all.filter((t) => matchesFilter(t, filter)).length);
      }
      expect(list.down).toBe(all.reduce((sum, t) => sum + t.download_speed, 0));
      expect(list.up).toBe(all.reduce((sum, t) => sum + t.upload_speed, 0));
      expect(list.instances).toBe(new Set(all.map((t) => t.instance)).size);
    }
  });

  it("gives a new array only when something changed", () => {
    const state = emptyTorrentState();
    const next = random(3);
    applyTorrentEvent(state, fullTorrentEvent(Array.from({ length: 5 }, (_, i) => torrent(i, next))));
    const list = new TorrentList();
    list.reset(state.torrents.values());
    const shown = list.shown;
    list.apply([]);
    expect(list.choose({ filter: "all", sort: "added", query: "" })).toBe(false);
    expect(list.shown).toBe(shown);
    expect(list.choose({ sort: "name" })).toBe(true);
    expect(list.shown).not.toBe(shown);
  });
});
