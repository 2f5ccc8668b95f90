import type { CSSResult } from "lit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/downloads/pandora-panel-downloads";
import type { PandoraDownloads } from "../src/tabs/downloads/pandora-panel-downloads";
import { sortTorrents } from "../src/data/torrents";
import { formatBytes, formatDuration, formatSpeed } from "../src/data/format";
import type { Info, TorrentEvent } from "../src/data/types";
import { history, info_admin as admin, info_empty as empty, info_user as user, torrents_changed as changed, torrents_full as full, torrents_unavailable as unavailable } from "./fixture-files";
import {
  FakeWsError,
  buttonWith,
  cleanup,
  deepText,
  fakeHass,
  fullTorrentEvent,
  mount,
  settle,
  torrentsOf,
} from "./helpers";

const NIGHT = "a3b552f85762e0f6a610fdda8089ed7c905953e2";
const BUNNY = "edc2b2bed4f237e170a6e4899009d715512098d9";
const NAS = "01JQBT0000000000000000001";
const SEEDBOX = "01JQBT0000000000000000002";
// The generated change moves Night of the Living Dead on and removes Big Buck Bunny; the same
// torrent also appearing on the second qBittorrent (as when it is seeded from both) is added here,
// to check each row then names its instance.
const CHANGED = {
  ...changed,
  torrents: [
    ...changed.torrents,
    {
      instance: SEEDBOX,
      hash: NIGHT,
      name: "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP",
      state: "uploading",
      status: "seeding",
      progress: 1,
      size: 8000000000,
      download_speed: 0,
      upload_speed: 5000000,
      eta: null,
      added: 1790743400,
    },
  ],
};
// The generated history's file activity is two failed moves: a successful one is added, to check
// its destination is shown too.
const HISTORY = {
  ...history,
  files: [
    ...history.files,
    { time: "2026-11-24T10:07:00+00:00", action: "moved", hash: history.files[0]!.hash, name: history.files[0]!.name, destination: "/media/tv/Simulated" },
  ],
};

async function downloads(info: unknown, isAdmin: boolean, options: { subscribeError?: FakeWsError } = {}) {
  const fake = fakeHass(
    { "pandora/history": HISTORY, "pandora/torrents/action": null },
    { admin: isAdmin, ...options },
  );
  const element = document.createElement("pandora-panel-downloads") as PandoraDownloads;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.admin = isAdmin;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

const row = (root: ShadowRoot, hash: string) =>
  root.querySelector<HTMLElement>(`li.torrent[data-hash="${hash}"]`)!;

afterEach(cleanup);

describe("Downloads tab", () => {
  it("subscribes and shows skeletons until the first event", async () => {
    const { fake, root } = await downloads(admin, true);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), {
      type: "pandora/torrents/subscribe",
    });
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
  });

  it("renders progress, percentage, speeds, ETA and state", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    const night = row(root, NIGHT);
    const bar = night.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute("aria-valuenow")).toBe("42.1");
    expect(bar.getAttribute("aria-valuemin")).toBe("0");
    expect(bar.getAttribute("aria-valuemax")).toBe("100");
    expect(bar.getAttribute("aria-valuetext")).toBe("42.1%");
    expect(bar.getAttribute("aria-label")).toContain("Night.of.the.Living.Dead");
    const text = deepText(night);
    expect(text).toContain("42.1%");
    expect(text).toContain("3.4 GB of 8 GB");
    expect(text).toContain("12.5 MB/s");
    expect(text).toContain("250 kB/s");
    expect(text).toContain("ETA 14 min");
    expect(night.querySelector(".status-chip")!.textContent).toContain("Downloading");
    expect(night.classList.contains("status-downloading")).toBe(true);
    const seeding = [...root.querySelectorAll("li.torrent")].find((li) => li.classList.contains("status-seeding"))!;
    expect(deepText(seeding)).toContain("100%");
    expect(deepText(seeding)).not.toContain("ETA");
    // One qBittorrent: no instance names.
    expect(root.querySelector(".instance")).toBeNull();
    expect(deepText(root)).toContain("3 torrents");
  });

  it("says why a guard holds a torrent, and drops it when released", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    expect(row(root, NIGHT).querySelector(".held-chip")).toBeNull();
    const instance = (full as { rows: unknown[][] }).rows[0]![0] as string;
    fake.push({ full: false, torrents: [{ instance, hash: NIGHT, held: "vpn" }], removed: [], unavailable: [] });
    await settle();
    const chip = row(root, NIGHT).querySelector<HTMLElement>(".held-chip")!;
    expect(chip.textContent).toContain("Held: VPN down");
    expect(chip.title).toContain("resumes when the VPN is healthy again");
    fake.push({ full: false, torrents: [{ instance, hash: NIGHT, held: null }], removed: [], unavailable: [] });
    await settle();
    expect(row(root, NIGHT).querySelector(".held-chip")).toBeNull();
  });

  it("says which qBittorrent the VPN guard holds, since when and why, until it lets go", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelector(".banner.held")).toBeNull();
    const instance = (full as { rows: unknown[][] }).rows[0]![0] as string;
    const notice = { cause: "vpn_leak", since: "2026-03-01T10:15:00+00:00", by: "gluetun", torrents: 2 };
    fake.push({ full: false, torrents: [], removed: [], unavailable: [], notices: { [instance]: { vpn: notice } } });
    await settle();
    const banner = root.querySelector<HTMLElement>(".banner.held")!;
    expect(banner.getAttribute("role")).toBe("status");
    expect(banner.textContent).toContain("The VPN guard holds");
    expect(banner.textContent).toContain("the public IP is outside the selected VPN country (gluetun)");
    expect(banner.textContent).toContain("2 torrents are paused");
    expect(banner.textContent).toContain("2026");
    // A change without `notices` keeps the banner; one with them replaces them all.
    fake.push({ full: false, torrents: [{ instance, hash: NIGHT, held: "vpn" }], removed: [], unavailable: [] });
    await settle();
    expect(root.querySelector(".banner.held")).not.toBeNull();
    fake.push({ full: false, torrents: [], removed: [], unavailable: [], notices: {} });
    await settle();
    expect(root.querySelector(".banner.held")).toBeNull();
  });

  it("says when a qBittorrent is short of disk space and when torrents met their seeding goal", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    const instance = (full as { rows: unknown[][] }).rows[0]![0] as string;
    const disk = { cause: "disk_space_low", since: "2026-03-01T10:15:00+00:00", free: 3.2e9, minimum: 10e9, torrents: 1 };
    fake.push({
      full: false,
      torrents: [],
      removed: [],
      unavailable: [],
      notices: { [instance]: { disk, goal: { torrents: 3 } } },
    });
    await settle();
    const texts = [...root.querySelectorAll<HTMLElement>(".banner.held")].map((b) => b.textContent ?? "");
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("is short of disk space");
    expect(texts[0]).toContain("3.2 GB free, Pandora keeps 10 GB");
    expect(texts[0]).toContain("1 torrent is paused");
    expect(texts[0]).toContain("Settings → Repairs");
    expect(texts[1]).toContain("3 torrents on");
    expect(texts[1]).toContain("met their seeding goal and are paused");
    // Without a paused download, the disk banner does not count any.
    fake.push({
      full: false,
      torrents: [],
      removed: [],
      unavailable: [],
      notices: { [instance]: { disk: { ...disk, torrents: 0 } } },
    });
    await settle();
    const [only] = [...root.querySelectorAll<HTMLElement>(".banner.held")];
    expect(only!.textContent).not.toContain("paused");
  });

  it("keeps the header's speeds at a fixed width, so nothing beside them moves", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    const speeds = [...root.querySelectorAll(".summary .speed")];
    expect(speeds).toHaveLength(2);
    // Tabular digits and room for ten characters, the longest a speed is written with.
    const styles = (customElements.get("pandora-panel-downloads") as unknown as { styles: CSSResult[] }).styles
      .map((sheet) => sheet.cssText)
      .join("\n");
    const rule = styles.slice(styles.indexOf(".speed {"), styles.indexOf("}", styles.indexOf(".speed {")));
    expect(rule).toMatch(/font-variant-numeric:\s*tabular-nums/);
    expect(rule).toMatch(/min-width:\s*calc\(18px \+ 10ch\)/);
    for (const language of ["en", "de", "fr"]) {
      for (const speed of [0, 999, 9_950, 99_949, 999_499, 12_500_000, 99_949_999, 999_000_000, 5e12]) {
        expect(formatSpeed(speed, language).length, `${speed} in ${language}`).toBeLessThanOrEqual(10);
      }
    }
  });

  it("merges later events: progress moves, removed torrents go, instances appear", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    fake.push(CHANGED as TorrentEvent);
    await settle();
    expect(root.querySelectorAll("li.torrent")).toHaveLength(3);
    expect(root.querySelector('[aria-valuenow="75"]')).not.toBeNull();
    // (The history below the list still names it: it was removed.)
    const names = [...root.querySelectorAll("li.torrent h3")].map((h) => h.textContent);
    expect(names).not.toContain("Big.Buck.Bunny.2008.2160p.WEB-DL.x265");
    expect(names).toContain("The.Cisco.Kid.S01.1080p.WEB-DL.AAC2.0.H.264");
    // The same torrent in two qBittorrents: each row names its instance.
    const titles = [...root.querySelectorAll(".instance")].map((i) => i.textContent);
    expect(titles).toContain("qBittorrent seedbox:8080");
  });

  it("warns about a qBittorrent that does not answer", async () => {
    const { fake, root } = await downloads(user, false);
    fake.push(full as TorrentEvent);
    fake.push(unavailable as TorrentEvent);
    await settle();
    expect(deepText(root)).toContain("qBittorrent seedbox:8080 is not answering");
  });

  it("gives administrators pause, resume and remove", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    buttonWith(row(root, NIGHT), "Pause").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/action",
      action: "pause",
      hashes: [NIGHT],
      instance: NAS,
    });
    const paused = [...root.querySelectorAll<HTMLElement>("li.torrent")].find((li) => li.classList.contains("status-paused"))!;
    buttonWith(paused, "Resume").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith(
      expect.objectContaining({ action: "resume", hashes: [BUNNY] }),
    );
  });

  it("asks before removing, optionally with the files", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    buttonWith(row(root, NIGHT), "Remove").click();
    await settle();
    const sheet = root.querySelector("pandora-confirm")!;
    expect(sheet).not.toBeNull();
    expect(fake.callWS).not.toHaveBeenCalledWith(expect.objectContaining({ action: "remove" }));
    const checkbox = sheet.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(deepText(checkbox.closest("label")!)).toBe("Also delete the downloaded files");
    checkbox.checked = true;
    checkbox.dispatchEvent(new Event("change"));
    await settle();
    buttonWith(sheet, "Remove and delete files").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/torrents/action",
      action: "remove",
      hashes: [NIGHT],
      instance: NAS,
      delete_files: true,
    });
    expect(root.querySelector("pandora-confirm")).toBeNull();
  });

  it("cancelling the confirmation removes nothing", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    buttonWith(row(root, NIGHT), "Remove").click();
    await settle();
    buttonWith(root.querySelector("pandora-confirm")!, "Cancel").click();
    await settle();
    expect(root.querySelector("pandora-confirm")).toBeNull();
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/torrents/action")).toBe(false);
  });

  it("shows no action buttons to non-administrators", async () => {
    const { fake, root } = await downloads(user, false);
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelectorAll("li.torrent")).toHaveLength(3);
    expect(root.querySelectorAll("li.torrent button")).toHaveLength(0);
    expect(root.querySelectorAll('[role="progressbar"]')).toHaveLength(3);
    // Two qBittorrents configured: rows name theirs.
    expect(root.querySelector(".instance")!.textContent).toBe("qBittorrent nas:8080");
  });

  it("filters and sorts", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(full as TorrentEvent);
    await settle();
    const chip = (name: string) => root.querySelector<HTMLButtonElement>(`button[data-filter="${name}"]`)!;
    expect(chip("all").getAttribute("aria-pressed")).toBe("true");
    expect(chip("seeding").textContent).toContain("1");
    chip("completed").click();
    await settle();
    expect(chip("completed").getAttribute("aria-pressed")).toBe("true");
    expect([...root.querySelectorAll("li.torrent h3")].map((h) => h.textContent)).toEqual([
      "The.Cisco.Kid.S01.1080p.WEB-DL.AAC2.0.H.264",
    ]);
    chip("errored").click();
    await settle();
    expect(deepText(root)).toContain("No torrents match this filter.");
    chip("all").click();
    const sort = root.querySelector<HTMLSelectElement>("select")!;
    sort.value = "name";
    sort.dispatchEvent(new Event("change"));
    await settle();
    expect([...root.querySelectorAll("li.torrent h3")].map((h) => h.textContent)).toEqual([
      "Big.Buck.Bunny.2008.2160p.WEB-DL.x265",
      "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP",
      "The.Cisco.Kid.S01.1080p.WEB-DL.AAC2.0.H.264",
    ]);
  });

  it("unsubscribes when it leaves the page", async () => {
    const { fake, element } = await downloads(admin, true);
    const { unsubscribe } = fake.subscriptions[0]!;
    element.remove();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("shows the subscription's error and subscribes again on retry", async () => {
    const { fake, root } = await downloads(admin, true, {
      subscribeError: new FakeWsError("home_assistant_error", "qBittorrent did not answer"),
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("qBittorrent did not answer");
    buttonWith(root, "Try again").click();
    await settle();
    expect(fake.subscribeMessage).toHaveBeenCalledTimes(2);
  });

  it("lists the history", async () => {
    const { fake, root } = await downloads(admin, true);
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/history", limit: 50 });
    const historyEl = root.querySelector("pandora-panel-history")!;
    const text = deepText(historyEl);
    expect(text).toContain("Completed");
    expect(text).toContain("Simulated.Release.00003.2160p.WEB-DL.x265");
    expect(text).toContain("File activity (3)");
    expect(text).toContain("qBittorrent answered 404 to torrents/setLocation: 404: Not Found");
    expect(text).toContain("to /media/tv/Simulated");
  });

  it("explains how to add qBittorrent when it is missing", async () => {
    const { fake, root } = await downloads(empty, true);
    expect(deepText(root)).toContain("Settings → Devices & services → Pandora → Add qBittorrent");
    expect(fake.subscribeMessage).not.toHaveBeenCalled();
  });

  it("says so when there are no torrents yet", async () => {
    const { fake, element, root } = await downloads(admin, true);
    const navigate = vi.fn();
    element.addEventListener("pandora-navigate", (e) => navigate((e as CustomEvent).detail));
    fake.push(fullTorrentEvent([]));
    await settle();
    expect(deepText(root)).toContain("No torrents yet");
    buttonWith(root, "Go to Discover").click();
    expect(navigate).toHaveBeenCalledWith({ tab: "discover" });
  });
});

describe("formatting", () => {
  it("makes one number formatter per language and precision, not one per call", () => {
    const Native = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = class extends Native {
      constructor(...args: ConstructorParameters<typeof Native>) {
        super(...args);
        made += 1;
      }
    } as typeof Native;
    try {
      for (let i = 0; i < 500; i += 1) {
        formatSpeed(i * 12_345, "de-CH");
        formatBytes(i * 1_000_000, "de-CH");
      }
      // Whole numbers and one decimal: two formatters for the language, made once each.
      expect(made).toBe(2);
      expect(formatBytes(1_500_000_000, "de-CH")).toBe("1.5 GB");
    } finally {
      Intl.NumberFormat = Native;
    }
  });

  it("writes ETAs for people", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(845)).toBe("14 min");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3 h 5 min");
    expect(formatDuration(2 * 86400 + 4 * 3600)).toBe("2 d 4 h");
    expect(formatDuration(8_640_000)).toBe("∞");
    expect(formatDuration(-1)).toBe("∞");
  });

  it("sorts by added, progress and name", () => {
    const torrents = torrentsOf(full);
    expect(sortTorrents(torrents, "added").map((t) => t.name[0])).toEqual(["B", "N", "T"]);
    expect(sortTorrents(torrents, "progress").map((t) => t.progress)).toEqual([1, 0.4213, 0.1]);
  });
});

describe("Downloads at scale", () => {
  /** `count` torrents on one qBittorrent, the newest first by index. */
  function many(count: number): TorrentEvent {
    return fullTorrentEvent(
      Array.from({ length: count }, (_, i) => ({
        instance: NAS,
        hash: i.toString(16).padStart(40, "0"),
        name: `Release.${String(i).padStart(5, "0")}.2160p`,
        state: i % 2 ? "uploading" : "downloading",
        status: i % 2 ? "seeding" : "downloading",
        progress: i % 2 ? 1 : 0.5,
        size: 1_000_000_000,
        download_speed: i % 2 ? 0 : 1000,
        upload_speed: 10,
        eta: i % 2 ? null : 600,
        added: 1_795_000_000 + i,
      })),
      { [NAS]: "qBittorrent nas:8080" },
    );
  }

  it("re-renders only the rows whose torrent changed", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(many(20));
    await settle();
    const list = root.querySelector("ul.torrents")!;
    const changedHash = (7).toString(16).padStart(40, "0");
    const changedRow = row(root, changedHash);
    const mutated = new Set<Node>();
    const observer = new MutationObserver((records) => records.forEach((r) => mutated.add(r.target)));
    observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    // Rows that did not change are not even rendered again: only one row's numbers (and the
    // header's speeds) are formatted, not twenty rows'.
    // `format` is a getter (a bound function): count the reads.
    const prototype = Intl.NumberFormat.prototype as unknown as { format: unknown };
    const formatted = vi.spyOn(prototype, "format", "get");
    fake.push({
      full: false,
      torrents: [{ instance: NAS, hash: changedHash, upload_speed: 2_000_000 }],
      removed: [],
      unavailable: [],
    });
    await settle();
    observer.disconnect();
    expect(formatted.mock.calls.length).toBeGreaterThan(0);
    expect(formatted.mock.calls.length).toBeLessThanOrEqual(8);
    formatted.mockRestore();
    expect(mutated.size).toBeGreaterThan(0);
    for (const node of mutated) expect(changedRow.contains(node), String(node.nodeName)).toBe(true);
    expect(deepText(changedRow)).toContain("2 MB/s");
  });

  it("virtualizes a long list and searches it", async () => {
    const { fake, root } = await downloads(admin, true);
    fake.push(many(5000));
    await settle();
    expect(deepText(root)).toContain("5000 torrents");
    const list = root.querySelector("ul.torrents")!;
    expect(list.classList.contains("virtual")).toBe(true);
    expect(root.querySelectorAll("li.torrent").length).toBeLessThan(100);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = "release.04999";
    search.dispatchEvent(new Event("input"));
    await settle();
    expect([...root.querySelectorAll("li.torrent h3")].map((h) => h.textContent)).toEqual(["Release.04999.2160p"]);
    search.value = "nothing like it";
    search.dispatchEvent(new Event("input"));
    await settle();
    expect(deepText(root)).toContain("No torrents match this search.");
  });
});
