import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import { qualityChips, querySuggestions, searchOutcome, searchProblems, type DownloadTarget } from "../src/data/releases";
import "../src/tabs/discover/pandora-panel-releases";
import type { PandoraTorrentSearch } from "../src/tabs/discover/pandora-panel-releases";
import type { IndexerStatus, Info, RankedRelease, TorrentSearchResult } from "../src/data/types";
import { info_admin as admin, info_empty as empty, info_requests as withRequests, info_user as user, requests_create_movie as requested, requests_create_existing as existing, torrent_add as added, torrent_search as ranked, torrent_search_rejected as withRejected } from "./fixture-files";
import {
  FakeWsError,
  buttonWith,
  cleanup,
  deepQuery,
  deepText,
  fakeHass,
  mount,
  settle,
  type Responder,
} from "./helpers";

/** The generated media_movie, whose releases torrent_search holds. */
const NIGHT: DownloadTarget = {
  tmdb_id: 900001,
  media_type: "movie",
  title: "Night of the Living Dead",
  year: 1968,
  seasons: [],
};

/** The generated media_tv, with its first two seasons. */
const CISCO_KID: DownloadTarget = {
  tmdb_id: 960001,
  media_type: "tv",
  title: "The Cisco Kid",
  year: 1950,
  seasons: [
    { number: 1, name: "Season 1", episode_count: 26, year: 1950 },
    { number: 2, name: "Season 2", episode_count: 26, year: 1951 },
  ],
};

/** A search answer with `changes` applied to the ranked fixture. */
function answer(changes: Partial<TorrentSearchResult>): TorrentSearchResult {
  return { ...(ranked as TorrentSearchResult), ...changes };
}

const JACKETT_OK = { instance: "Jackett nas:9117", state: "ok" as const, elapsed_ms: 800, results: 0 };
const NOTHING = answer({ total: 0, accepted: 0, results: [], instances: [JACKETT_OK] });

async function modal(
  info: unknown,
  overrides: Record<string, Responder> = {},
  target: DownloadTarget = NIGHT,
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
    // No generated release is freeleech: the second is made one, to check it is marked.
    const { fake, root } = await modal(admin, {
      "pandora/torrents/search": answer({ results: [ranked.results[0]!, { ...ranked.results[1]!, freeleech: true }] }),
    });
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 900001,
      media_type: "movie",
    });
    const releases = root.querySelectorAll("li.release");
    expect(releases).toHaveLength(2);
    const best = releases[0]!;
    expect(best.querySelector("h3")!.textContent).toBe(
      "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP",
    );
    const chips = [...best.querySelectorAll('ul[aria-label="Quality"] .chip')].map((c) => c.textContent);
    expect(chips).toEqual(["1080p", "Blu-ray", "H.264"]);
    const stats = deepText(best.querySelector(".stats")!);
    expect(stats).toContain("8 GB");
    // Size, seeders, leechers and score, each in its own cell.
    expect([...best.querySelectorAll(".stats dd")].map((dd) => deepText(dd).trim())).toEqual(["8 GB", "40", "3", "150059"]);
    const reasons = [...best.querySelectorAll(".reasons li")].map((r) => r.textContent);
    expect(reasons).toEqual([
      "1080p matches the preferred resolution",
      "BluRay source",
      "40 seeders",
    ]);
    expect(deepText(releases[1]!)).toContain("Freeleech");
    expect(deepText(releases[0]!)).not.toContain("Freeleech");
    expect(deepText(root)).toContain("2 of 3 releases accepted");
    expect(deepText(root)).toContain("Night of the Living Dead 1968");
  });

  it("asks for rejected releases only behind the toggle, and marks them", async () => {
    // Every generated Jackett answered in full: this one reports an indexer that timed out.
    const partial = {
      ...withRejected,
      instances: [
        {
          ...withRejected.instances[0]!,
          state: "partial",
          indexers: [
            { indexer: "Public One", state: "ok", error: null },
            { indexer: "rarbg", state: "timeout", error: "did not answer in time" },
          ],
        },
      ],
    };
    const { fake, root } = await modal(admin, {
      "pandora/torrents/search": (m: { include_rejected?: unknown }) => (m.include_rejected ? partial : ranked),
    });
    const toggle = deepQuery<HTMLInputElement>(root, 'input[role="switch"]')!;
    expect(toggle.checked).toBe(false);
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 900001,
      media_type: "movie",
      include_rejected: true,
    });
    const rejected = root.querySelector("li.release.rejected")!;
    expect(deepText(rejected)).toContain("Rejected");
    expect([...rejected.querySelectorAll(".reasons li")].map((r) => r.textContent)).toEqual([
      "CAM source rejected",
    ]);
    // The partial Jackett answer is reported, naming the indexer that did not answer.
    expect(deepText(root)).toContain(
      "Jackett nas:9117: rarbg did not answer in time; results may be incomplete",
    );
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
      result_id: "0000000000000000000000000000000000000002",
      tmdb_id: 900001,
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
      result_id: "0000000000000000000000000000000000000001",
      tmdb_id: 900001,
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
    const { fake, root } = await modal(admin, {}, CISCO_KID);
    const select = root.querySelector<HTMLSelectElement>("select")!;
    select.value = "2";
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      tmdb_id: 960001,
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
    expect(deepText(root)).toContain("Settings → Devices & services → Pandora → Add Jackett");
    expect(fake.callWS).not.toHaveBeenCalled();
  });

  it("says at once when the indexers found nothing, and searches other words", async () => {
    // Every generated pandora/info has requests: an older backend, which leaves the key out.
    const { fake, root } = await modal({ ...admin, requests: undefined }, {
      "pandora/torrents/search": (m: { query?: string }) =>
        m.query === "Night of the Living Dead" ? ranked : { ...NOTHING, query: m.query ?? "Night of the Living Dead 1968" },
    }, { ...NIGHT, original_title: "La Nuit des morts vivants" });
    const text = deepText(root);
    expect(root.querySelector('[role="status"] h3')!.textContent).toBe("No release found for “Night of the Living Dead 1968”");
    expect(text).not.toContain("0 of 0");
    expect(text).not.toContain("quality profile");
    // No requests on this backend: no Request button.
    expect(root.querySelector("button.request")).toBeNull();
    const suggestions = [...root.querySelectorAll<HTMLButtonElement>("button.suggestion")];
    expect(suggestions.map((b) => b.textContent!.trim())).toEqual(["Night of the Living Dead", "La Nuit des morts vivants 1968"]);
    // Other words of one's own, by query (with the category and the movie's year for ranking).
    const input = root.querySelector<HTMLInputElement>("form.retry input")!;
    expect(input.value).toBe("Night of the Living Dead 1968");
    input.value = "Living Dead 1968";
    root.querySelector("form.retry")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      query: "Living Dead 1968",
      category: "movies",
      year: 1968,
    });
    expect(root.querySelector('[role="status"] h3')!.textContent).toBe("No release found for “Living Dead 1968”");
    // A suggestion searches it; what it finds can be added for the title as usual.
    buttonWith(root, "Night of the Living Dead").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/search",
      query: "Night of the Living Dead",
      category: "movies",
      year: 1968,
    });
    expect(root.querySelectorAll("li.release")).toHaveLength(2);
    root.querySelector<HTMLButtonElement>("li.release button.add")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: "pandora/torrents/add", tmdb_id: 900001, media_type: "movie" }),
    );
  });

  it("offers a request instead when nothing is found and requests are on", async () => {
    const { fake, root } = await modal(withRequests, {
      "pandora/torrents/search": NOTHING,
      "pandora/requests/create": requested,
    });
    expect(deepText(root)).toContain("Or request it");
    buttonWith(root, "Request").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/requests/create",
      tmdb_id: 900001,
      media_type: "movie",
    });
    const ask = root.querySelector(".ask")!;
    expect(ask.querySelector('[role="status"]')!.textContent).toContain("Requested");
    expect(ask.querySelector("button.request")).toBeNull();
    const navigated = vi.fn();
    root.host.addEventListener("pandora-navigate", (e) => navigated((e as CustomEvent).detail));
    buttonWith(root, "View in Requests").click();
    expect(navigated).toHaveBeenCalledWith({ tab: "requests" });
  });

  it("requests the season being searched, says when it was already asked, and shows a refusal", async () => {
    let refuse = true;
    const { fake, root } = await modal(withRequests, {
      "pandora/torrents/search": NOTHING,
      "pandora/requests/create": () =>
        refuse ? new FakeWsError("home_assistant_error", "Requests are closed") : existing,
    }, CISCO_KID);
    expect(deepText(root)).toContain("Or request the whole series");
    const select = root.querySelector<HTMLSelectElement>("select")!;
    select.value = "2";
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(deepText(root)).toContain("Or request Season 2");
    expect([...root.querySelectorAll("button.suggestion")].map((b) => b.textContent!.trim())).toEqual([
      "The Cisco Kid Season 2",
    ]);
    buttonWith(root, "Request").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/requests/create",
      tmdb_id: 960001,
      media_type: "tv",
      seasons: [2],
    });
    expect(root.querySelector(".ask [role='alert']")!.textContent).toContain("Requests are closed");
    refuse = false;
    buttonWith(root, "Request").click();
    await settle();
    expect(root.querySelector(".ask [role='status']")!.textContent).toContain("Already requested — you were added");
  });

  it("keeps the quality-profile message for results that were all rejected", async () => {
    const { root } = await modal(admin, {
      "pandora/torrents/search": answer({ accepted: 0, results: [], instances: [JACKETT_OK] }),
    });
    const text = deepText(root);
    expect(text).toContain("0 of 3 releases accepted");
    expect(text).toContain("No acceptable release");
    expect(text).toContain("Nothing passed your quality profile. Turn on “Show rejected” to see why.");
    expect(text).not.toContain("No release found");
    expect(root.querySelector("form.retry")).toBeNull();
  });

  it("says which Jackett failed instead of claiming nothing was found", async () => {
    let down = true;
    const { fake, root } = await modal(admin, {
      "pandora/torrents/search": () =>
        down
          ? answer({
              total: 0,
              accepted: 0,
              results: [],
              instances: [
                { instance: "Jackett nas:9117", state: "error", error: "Cannot connect to Jackett", elapsed_ms: 10, results: 0 },
              ],
            })
          : ranked,
    });
    const alert = root.querySelector('[role="alert"]')!;
    expect(deepText(alert)).toContain("No indexer could be searched");
    expect(deepText(alert)).toContain("Jackett nas:9117 could not be searched: Cannot connect to Jackett");
    expect(deepText(root)).not.toContain("No release found");
    down = false;
    buttonWith(root, "Try again").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledTimes(2);
    expect(root.querySelectorAll("li.release")).toHaveLength(2);
  });

  it("still says nothing was found when another Jackett answered, naming the one that failed", async () => {
    const { root } = await modal(admin, {
      "pandora/torrents/search": answer({
        total: 0,
        accepted: 0,
        results: [],
        instances: [
          JACKETT_OK,
          { instance: "Jackett cloud", state: "error", error: "Invalid API key", elapsed_ms: 10, results: 0 },
        ],
      }),
    });
    const text = deepText(root);
    expect(text).toContain("No release found for “Night of the Living Dead 1968”");
    expect(root.querySelector(".banner.error")!.textContent).toContain(
      "Jackett cloud could not be searched: Invalid API key",
    );
  });

  it("tells a search that reached nothing from one that found nothing", () => {
    const timeout: IndexerStatus = { indexer: "rarbg", state: "timeout", error: "did not answer in time" };
    const failedIndexer: IndexerStatus = { indexer: "1337x", state: "error", error: "HTTP 503" };
    const partial = (indexers: IndexerStatus[]) =>
      answer({
        total: 0,
        accepted: 0,
        results: [],
        instances: [{ instance: "Jackett nas:9117", state: "partial", elapsed_ms: 9, results: 0, indexers }],
      });
    // Every named indexer failed: nothing was searched.
    const none = partial([timeout, failedIndexer]);
    expect(searchOutcome(none)).toBe("failed");
    expect(searchProblems(none)).toEqual([
      {
        instance: "Jackett nas:9117",
        failed: true,
        text: "Jackett nas:9117: rarbg did not answer in time; 1337x failed (HTTP 503)",
      },
    ]);
    // One answered: nothing was found (with a warning).
    const some = partial([timeout, { indexer: "1337x", state: "ok", error: null }]);
    expect(searchOutcome(some)).toBe("none_found");
    expect(searchProblems(some)[0]!.failed).toBe(false);
    expect(searchOutcome(NOTHING)).toBe("none_found");
    expect(searchProblems(NOTHING)).toEqual([]);
    expect(searchOutcome(answer({ accepted: 0, results: [] }))).toBe("all_rejected");
    expect(searchOutcome(ranked as TorrentSearchResult)).toBe("results");
  });

  it("suggests other words: without a movie's year, a series' year or season, the original title", () => {
    expect(querySuggestions(NIGHT, null, "Night of the Living Dead 1968")).toEqual(["Night of the Living Dead"]);
    expect(querySuggestions({ ...NIGHT, original_title: "Night of the Living Dead" }, null, "x")).toEqual([
      "Night of the Living Dead",
      "Night of the Living Dead 1968",
    ]);
    expect(querySuggestions(CISCO_KID, null, "The Cisco Kid")).toEqual(["The Cisco Kid 1950"]);
    expect(querySuggestions({ ...CISCO_KID, original_title: "The Cisco Kid" }, 1, "The Cisco Kid S01")).toEqual([
      "The Cisco Kid Season 1",
    ]);
    expect(querySuggestions({ ...CISCO_KID, original_title: "Cisco Kid" }, 1, "the cisco kid season 1")).toEqual([
      "Cisco Kid S01",
    ]);
  });

  it("describes quality from the parsed release", () => {
    const release = ranked.results[1] as RankedRelease;
    expect(qualityChips(release)).toEqual(["720p", "WEB-DL", "H.264"]);
    expect(qualityChips({ ...release, resolution: "unknown", source: "unknown", codec: "unknown" })).toEqual([]);
  });
});
