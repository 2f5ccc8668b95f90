import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/api";
import type { DownloadTarget } from "../src/media-details";
import "../src/torrent-search";
import { qualityChips, type PandoraTorrentSearch } from "../src/torrent-search";
import type { Info, RankedRelease } from "../src/types";
import admin from "./fixtures/info_admin.json";
import empty from "./fixtures/info_empty.json";
import user from "./fixtures/info_user.json";
import added from "./fixtures/torrent_add.json";
import ranked from "./fixtures/torrent_search.json";
import withRejected from "./fixtures/torrent_search_rejected.json";
import {
  FakeWsError,
  buttonWith,
  cleanup,
  deepText,
  fakeHass,
  mount,
  settle,
  type Responder,
} from "./helpers";

const DUNE: DownloadTarget = {
  tmdb_id: 693134,
  media_type: "movie",
  title: "Dune: Part Two",
  year: 2024,
  seasons: [],
};

async function modal(
  info: unknown,
  overrides: Record<string, Responder> = {},
  target: DownloadTarget = DUNE,
) {
  const fake = fakeHass({
    "pandora/torrents/search": (m: { include_rejected?: unknown }) =>
      m.include_rejected ? withRejected : ranked,
    "pandora/torrents/add": added,
    ...overrides,
  });
  const element = document.createElement("pandora-panel-releases") as PandoraTorrentSearch;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.target = target;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

afterEach(cleanup);

describe("torrent search modal", () => {
  it("searches by TMDB id and renders ranked results with chips, numbers and reasons", async () => {
    const { fake, root } = await modal(admin);
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 693134,
      media_type: "movie",
    });
    const releases = root.querySelectorAll("li.release");
    expect(releases).toHaveLength(2);
    const best = releases[0]!;
    expect(best.querySelector("h3")!.textContent).toBe(
      "Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX",
    );
    const chips = [...best.querySelectorAll('ul[aria-label="Quality"] .chip')].map((c) => c.textContent);
    expect(chips).toEqual(["2160p", "WEB-DL", "H.265", "DV", "HDR"]);
    const stats = deepText(best.querySelector(".stats")!);
    expect(stats).toContain("18.4 GB");
    expect(stats).toContain("812");
    expect(stats).toContain("95");
    expect(stats).toContain("148.6");
    const reasons = [...best.querySelectorAll(".reasons li")].map((r) => r.textContent);
    expect(reasons).toEqual([
      "2160p matches the preferred resolution",
      "WEB-DL source",
      "812 seeders",
    ]);
    expect(deepText(releases[1]!)).toContain("Freeleech");
    expect(deepText(root)).toContain("2 of 14 releases accepted");
    expect(deepText(root)).toContain("Dune Part Two 2024");
  });

  it("asks for rejected releases only behind the toggle, and marks them", async () => {
    const { fake, root } = await modal(admin);
    const toggle = root.querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(toggle.checked).toBe(false);
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 693134,
      media_type: "movie",
      include_rejected: true,
    });
    const rejected = root.querySelector("li.release.rejected")!;
    expect(deepText(rejected)).toContain("Rejected");
    expect([...rejected.querySelectorAll(".reasons li")].map((r) => r.textContent)).toEqual([
      "CAM source rejected",
      "only 3 seeders (minimum 5)",
    ]);
    // The partial Jackett answer is reported.
    expect(deepText(root)).toContain("Jackett nas:9117: some indexers did not answer");
  });

  it("adds a release with the contract's payload and announces it", async () => {
    const { fake, element, root } = await modal(admin);
    const toasts = vi.fn();
    element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
    const add = root.querySelectorAll<HTMLButtonElement>("li.release button.add")[1]!;
    add.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/add",
      result_id: "89abcdef0123456789abcdef0123456789abcdef",
      tmdb_id: 693134,
      media_type: "movie",
    });
    expect(toasts).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: "success",
        action: { label: "View downloads", tab: "downloads" },
      }),
    );
    expect(toasts.mock.calls[0]![0].message).toContain("qBittorrent nas:8080");
    const second = root.querySelectorAll("li.release")[1]!;
    expect(second.querySelector("button.add")).toBeNull();
    expect(deepText(second)).toContain("Added to qBittorrent nas:8080");
  });

  it("names the qBittorrent when there are several", async () => {
    const { fake, root } = await modal(user);
    root.querySelector<HTMLButtonElement>("li.release button.add")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/add",
      result_id: "0123456789abcdef0123456789abcdef01234567",
      tmdb_id: 693134,
      media_type: "movie",
      instance: "01JQBT0000000000000000001",
    });
  });

  it("shows why an add failed and lets the user try again", async () => {
    const { fake, root } = await modal(admin, {
      "pandora/torrents/add": new FakeWsError("home_assistant_error", "qBittorrent refused the torrent"),
    });
    root.querySelector<HTMLButtonElement>("li.release button.add")!.click();
    await settle();
    const first = root.querySelector("li.release")!;
    expect(first.querySelector('[role="alert"]')!.textContent).toBe("qBittorrent refused the torrent");
    fake.respond("pandora/torrents/add", added);
    buttonWith(first, "Add").click();
    await settle();
    expect(deepText(first)).toContain("Added to");
  });

  it("searches a season of a series", async () => {
    const { fake, root } = await modal(admin, {}, {
      tmdb_id: 1396,
      media_type: "tv",
      title: "Breaking Bad",
      year: 2008,
      seasons: [
        { number: 1, name: "Season 1", episode_count: 7, year: 2008 },
        { number: 2, name: "Season 2", episode_count: 13, year: 2009 },
      ],
    });
    const select = root.querySelector<HTMLSelectElement>("select")!;
    select.value = "2";
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 1396,
      media_type: "tv",
      season: 2,
    });
  });

  it("shows the search error message with a retry", async () => {
    let fail = true;
    const { root } = await modal(admin, {
      "pandora/torrents/search": () =>
        fail ? new FakeWsError("not_found", "No Jackett is set up") : ranked,
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("No Jackett is set up");
    fail = false;
    buttonWith(root, "Try again").click();
    await settle();
    expect(root.querySelectorAll("li.release")).toHaveLength(2);
  });

  it("explains how to add Jackett when it is missing", async () => {
    const { fake, root } = await modal(empty);
    expect(deepText(root)).toContain("Settings → Devices & services → Pandora → Add service → Jackett");
    expect(fake.callWS).not.toHaveBeenCalled();
  });

  it("describes quality from the parsed release", () => {
    const release = ranked.results[1] as RankedRelease;
    expect(qualityChips(release)).toEqual(["1080p", "Blu-ray", "H.264"]);
    expect(qualityChips({ ...release, resolution: "unknown", source: "unknown", codec: "unknown" })).toEqual([]);
  });
});
