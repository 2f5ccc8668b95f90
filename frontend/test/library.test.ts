import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/library/pandora-panel-library";
import { collectionLabel, type PandoraLibrary } from "../src/tabs/library/pandora-panel-library";
import type { Info } from "../src/data/types";
import { info_empty as empty, info_full as full, library, library_scanning as scanning, library_scan as scan } from "./fixture-files";
import { FakeWsError, buttonWith, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

const SERVER = "01JJFN0000000000000000001";
const MOVIES = "f3f4ab6649d727433ed88f014030bafb";
const FEED = "pandora/library/subscribe";

async function libraryTab(
  info: unknown,
  isAdmin = true,
  options: { overrides?: Record<string, Responder>; subscribeError?: FakeWsError } = {},
) {
  const fake = fakeHass(
    { "pandora/library/scan": scan, ...options.overrides },
    { admin: isAdmin, subscribeError: options.subscribeError },
  );
  const element = document.createElement("pandora-panel-library") as PandoraLibrary;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.admin = isAdmin;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

const lib = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`li.library[data-library="${id}"]`)!;

afterEach(cleanup);

describe("Library tab", () => {
  it("subscribes and shows placeholders until the first snapshot", async () => {
    const { fake, root } = await libraryTab(full);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: FEED });
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
  });

  it("renders counts, the last scan and every library", async () => {
    const { fake, root } = await libraryTab(full);
    fake.pushTo(FEED, library);
    await settle();
    const server = root.querySelector<HTMLElement>(`section[data-server="${SERVER}"]`)!;
    expect(server.querySelector("h2")!.textContent).toBe("Jellyfin nas:8096");
    const counts = [...server.querySelectorAll(".count")].map((c) => deepText(c));
    expect(counts).toEqual(["Movies 7", "Series 1", "Episodes 3"]);
    const status = deepText(server.querySelector(".scan")!);
    expect(status).toContain("Last scan");
    expect(status).toContain("Completed");
    expect(server.querySelector(".scan time")!.getAttribute("datetime")).toBe("2026-11-24T10:00:00+00:00");
    expect([...server.querySelectorAll(".library-name")].map((n) => n.textContent)).toEqual([
      "Movies",
      "TV Shows",
      "Home videos",
    ]);
    expect(deepText(lib(root, MOVIES))).toContain("Movies");
    expect(deepText(lib(root, "9aeb45ac320ea8202ced5765a0e45592"))).toContain("Mixed");
    expect(server.querySelector('[role="progressbar"]')).toBeNull();
  });

  it("shows who is watching, live: nobody, then each stream, then unreadable", async () => {
    const { fake, root } = await libraryTab(full);
    fake.pushTo(FEED, library);
    await settle();
    expect(deepText(root.querySelector(".streams-none")!)).toBe("Nobody is watching.");
    // The generated fixture has no stream: these stand in for Jellyfin sessions playing.
    const server = library.jellyfin[0]!;
    const streams = [
      { user: "family", title: "Dragnet S01E03", device: "Living room TV", client: "Jellyfin Android TV", play_method: "transcode", paused: false, remote: false },
      { user: null, title: "Nosferatu (1922)", device: "Phone", client: "Jellyfin iOS", play_method: "direct_play", paused: true, remote: true },
    ];
    fake.pushTo(FEED, { jellyfin: [{ ...server, streams }] });
    await settle();
    const rows = [...root.querySelectorAll<HTMLElement>("li.stream")].map((row) => deepText(row));
    expect(rows).toEqual([
      "Dragnet S01E03 family · Living room TV Transcoding",
      "Nosferatu (1922) Someone · Phone · Remote Paused Direct play",
    ]);
    expect(root.querySelector('li.stream[data-device="Phone"] .stream-icon')!.getAttribute("title")).toBe("Paused");
    fake.pushTo(FEED, { jellyfin: [{ ...server, streams: null }] });
    await settle();
    expect(root.querySelector("li.stream")).toBeNull();
    expect(deepText(root.querySelector(".server")!)).toContain("Who is watching cannot be read right now.");
  });

  it("follows a scan live: progress bars, then the new result", async () => {
    const { fake, root } = await libraryTab(full);
    fake.pushTo(FEED, library);
    fake.pushTo(FEED, scanning);
    await settle();
    const bars = [...root.querySelectorAll('[role="progressbar"]')];
    expect(bars).toHaveLength(2);
    expect(bars[0]!.getAttribute("aria-valuenow")).toBe("42.5");
    expect(bars[0]!.getAttribute("aria-label")).toBe("Library scan on Jellyfin nas:8096");
    expect(bars[1]!.getAttribute("aria-label")).toBe("Scan of Movies");
    expect(deepText(root.querySelector(".scan")!)).toContain("Scanning 42.5%");
    expect(deepText(root.querySelector(".counts")!)).toContain("Movies 7");
    // A refreshing library's scan button waits.
    expect(buttonWith(lib(root, MOVIES), "Scan Movies").disabled).toBe(true);
    fake.pushTo(FEED, { jellyfin: [{ ...scanning.jellyfin[0], scanning: false, progress: null, last_result: "failed", libraries: library.jellyfin[0]!.libraries }] });
    await settle();
    expect(root.querySelector('[role="progressbar"]')).toBeNull();
    expect(deepText(root.querySelector(".scan")!)).toContain("Failed");
  });

  it("scans one library or all of them for administrators", async () => {
    const { fake, element, root } = await libraryTab(full);
    const toasts = vi.fn();
    element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
    fake.pushTo(FEED, library);
    await settle();
    buttonWith(lib(root, MOVIES), "Scan Movies").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/library/scan",
      library: MOVIES,
      instance: SERVER,
    });
    expect(toasts).toHaveBeenLastCalledWith({ kind: "success", message: "Scanning Movies on Jellyfin nas:8096." });
    buttonWith(root, "Scan all").click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/library/scan", library: "all", instance: SERVER });
  });

  it("reports a failed scan request", async () => {
    const { fake, element, root } = await libraryTab(full, true, {
      overrides: { "pandora/library/scan": new FakeWsError("home_assistant_error", "Jellyfin refused the scan") },
    });
    const toasts = vi.fn();
    element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
    fake.pushTo(FEED, library);
    await settle();
    buttonWith(root, "Scan all").click();
    await settle();
    expect(toasts).toHaveBeenCalledWith({
      kind: "error",
      message: "Could not scan every library: Jellyfin refused the scan",
    });
    expect(buttonWith(root, "Scan all").disabled).toBe(false);
  });

  it("shows no scan buttons to non-administrators", async () => {
    const { fake, root } = await libraryTab({ ...full, admin: false }, false);
    fake.pushTo(FEED, library);
    await settle();
    expect(root.querySelectorAll("li.library")).toHaveLength(3);
    expect(root.querySelectorAll("button")).toHaveLength(0);
    expect(deepText(root)).toContain("Movies 7");
  });

  it("warns when a server does not answer", async () => {
    const { fake, root } = await libraryTab(full);
    fake.pushTo(FEED, { jellyfin: [{ ...library.jellyfin[0], available: false }] });
    await settle();
    expect(deepText(root)).toContain("Jellyfin nas:8096 is not answering");
    expect(buttonWith(root, "Scan all").disabled).toBe(true);
  });

  it("shows the subscription's error and subscribes again on retry", async () => {
    const { fake, root } = await libraryTab(full, true, {
      subscribeError: new FakeWsError("not_found", "Pandora is not loaded"),
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("Pandora is not loaded");
    buttonWith(root, "Try again").click();
    await settle();
    expect(fake.subscribeMessage).toHaveBeenCalledTimes(2);
  });

  it("unsubscribes when it leaves the page", async () => {
    const { fake, element } = await libraryTab(full);
    const { unsubscribe } = fake.subscriptions[0]!;
    element.remove();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("explains how to add Jellyfin when it is missing", async () => {
    const { fake, root } = await libraryTab(empty);
    expect(deepText(root)).toContain("Settings → Devices & services → Pandora → Add Jellyfin");
    expect(fake.subscribeMessage).not.toHaveBeenCalled();
  });

  it("names collection types", () => {
    expect(collectionLabel("tvshows")[0]).toBe("TV shows");
    expect(collectionLabel("books")[0]).toBe("Books");
    expect(collectionLabel(null)[0]).toBe("Mixed");
  });
});
