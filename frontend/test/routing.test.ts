import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { define } from "../src/components/define";
import "../src/app/pandora-panel";
import { titleFromPath } from "../src/app/navigation";
import { PandoraPanel } from "../src/app/pandora-panel";
import { tabFromPath } from "../src/data/view-url";
import type { Route, TorrentEvent } from "../src/data/types";
import { discover_trending_day as trending, history as historyFixture, info_admin as admin, info_requests as requestsInfo, info_user as user, media_movie as movie, torrents_full as full } from "./fixture-files";
import { FakeWsError, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

function responses(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    "pandora/info": admin,
    "pandora/discover": trending,
    "pandora/history": historyFixture,
    "pandora/media": movie,
    ...overrides,
  };
}

async function panel(route: Route, options: { narrow?: boolean; overrides?: Record<string, Responder> } = {}) {
  const fake = fakeHass(responses(options.overrides));
  const element = document.createElement("pandora-panel") as PandoraPanel;
  element.hass = fake.hass;
  element.narrow = options.narrow ?? false;
  element.route = route;
  element.panel = { url_path: "pandora", title: "Pandora", config: null };
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

const tabs = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const selected = (root: ShadowRoot) =>
  tabs(root).find((t) => t.getAttribute("aria-selected") === "true")!.id;

let locationChanged: Mock<(detail: unknown) => void>;
const onLocationChanged = (e: Event) => locationChanged((e as CustomEvent).detail);

beforeEach(() => {
  locationChanged = vi.fn();
  window.addEventListener("location-changed", onLocationChanged);
  window.history.replaceState(null, "", "/pandora/discover");
});

afterEach(() => {
  window.removeEventListener("location-changed", onLocationChanged);
  cleanup();
});

describe("panel routing", () => {
  it("maps route paths to tabs", () => {
    expect(tabFromPath("/downloads")).toBe("downloads");
    expect(tabFromPath("/downloads/extra")).toBe("downloads");
    expect(tabFromPath("/discover")).toBe("discover");
    expect(tabFromPath("")).toBe("discover");
    expect(tabFromPath("/nonsense")).toBe("discover");
    expect(tabFromPath("/files")).toBe("files");
    expect(tabFromPath("/library")).toBe("library");
    expect(tabFromPath("/containers")).toBe("containers");
    expect(tabFromPath("/requests")).toBe("requests");
    expect(tabFromPath("/discover/movie/693134")).toBe("discover");
  });

  it("reads a title from a Discover path", () => {
    expect(titleFromPath("/discover/movie/693134")).toEqual({ media_type: "movie", tmdb_id: 693134 });
    expect(titleFromPath("/discover/tv/1396")).toEqual({ media_type: "tv", tmdb_id: 1396 });
    expect(titleFromPath("/discover")).toBeNull();
    expect(titleFromPath("/discover/person/1")).toBeNull();
    expect(titleFromPath("/discover/movie/abc")).toBeNull();
    expect(titleFromPath("/downloads/movie/1")).toBeNull();
  });

  it("shows the tab the route names, as an accessible tablist", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/downloads" });
    expect(root.querySelector('[role="tablist"]')).not.toBeNull();
    expect(selected(root)).toBe("tab-downloads");
    expect(tabs(root).map((t) => t.tabIndex)).toEqual([-1, -1, 0, -1, -1, -1]);
    expect(tabs(root).map((t) => deepText(t))).toEqual([
      "Discover",
      "Requests",
      "Downloads",
      "Files",
      "Library",
      "Containers",
    ]);
    const main = root.querySelector('[role="tabpanel"]')!;
    expect(main.getAttribute("aria-labelledby")).toBe("tab-downloads");
    expect(main.querySelector("pandora-panel-downloads")).not.toBeNull();
    expect(main.querySelector("pandora-panel-discover")).toBeNull();
  });

  it("pushes the URL and fires location-changed when a tab is clicked", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/discover" });
    tabs(root)[2]!.click();
    await settle();
    expect(window.location.pathname).toBe("/pandora/downloads");
    expect(locationChanged).toHaveBeenCalledWith({ replace: false });
    expect(selected(root)).toBe("tab-downloads");
    expect(root.querySelector("pandora-panel-downloads")).not.toBeNull();
  });

  it("follows the route when Home Assistant changes it", async () => {
    const { element, root } = await panel({ prefix: "/pandora", path: "/downloads" });
    element.route = { prefix: "/pandora", path: "/discover" };
    await settle();
    expect(selected(root)).toBe("tab-discover");
    expect(root.querySelector("pandora-panel-discover")).not.toBeNull();
  });

  it("moves between tabs with the arrow keys, Home and End", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/discover" });
    const list = root.querySelector('[role="tablist"]')!;
    const key = (k: string) =>
      tabs(root)
        .find((t) => t.tabIndex === 0)!
        .dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, composed: true }));
    key("ArrowRight");
    await settle();
    expect(selected(root)).toBe("tab-requests");
    expect(root.activeElement?.id).toBe("tab-requests");
    expect(window.location.pathname).toBe("/pandora/requests");
    key("ArrowRight");
    await settle();
    expect(selected(root)).toBe("tab-downloads");
    key("End");
    await settle();
    expect(selected(root)).toBe("tab-containers");
    expect(window.location.pathname).toBe("/pandora/containers");
    key("ArrowRight");
    await settle();
    expect(selected(root)).toBe("tab-discover");
    key("ArrowLeft");
    await settle();
    expect(selected(root)).toBe("tab-containers");
    key("Home");
    await settle();
    expect(selected(root)).toBe("tab-discover");
    expect(window.location.pathname).toBe("/pandora/discover");
    expect(list).toBeTruthy();
  });

  it("unsubscribes from torrents when leaving the Downloads tab", async () => {
    const { fake, root } = await panel({ prefix: "/pandora", path: "/downloads" });
    expect(fake.subscriptions).toHaveLength(1);
    const { unsubscribe } = fake.subscriptions[0]!;
    fake.push(full as TorrentEvent);
    tabs(root)[0]!.click();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(fake.subscriptions).toHaveLength(0);
  });

  it("has a menu button that toggles Home Assistant's sidebar when narrow", async () => {
    const { element, root } = await panel({ prefix: "/pandora", path: "/discover" }, { narrow: true });
    const toggled = vi.fn();
    document.addEventListener("hass-toggle-menu", toggled);
    root.querySelector<HTMLButtonElement>("button.menu")!.click();
    document.removeEventListener("hass-toggle-menu", toggled);
    expect(toggled).toHaveBeenCalledTimes(1);
    const event = toggled.mock.calls[0]![0] as CustomEvent;
    expect(event.bubbles).toBe(true);
    expect(event.composed).toBe(true);
    element.narrow = false;
    await settle();
    expect(root.querySelector("button.menu")).toBeNull();
  });

  it("uses pandora/info for the admin flag", async () => {
    const { root } = await panel(
      { prefix: "/pandora", path: "/downloads" },
      { overrides: { "pandora/info": user } },
    );
    const downloads = root.querySelector("pandora-panel-downloads")!;
    expect(downloads.hasAttribute("admin")).toBe(false);
  });

  it("shows Pandora's error with a retry when pandora/info fails", async () => {
    let fail = true;
    const { root } = await panel(
      { prefix: "/pandora", path: "/discover" },
      {
        overrides: {
          "pandora/info": () => (fail ? new FakeWsError("not_found", "Pandora is not loaded") : admin),
        },
      },
    );
    expect(deepText(root)).toContain("Pandora is not loaded");
    fail = false;
    [...root.querySelectorAll("button")].find((b) => deepText(b).includes("Try again"))!.click();
    await settle();
    expect(root.querySelector("pandora-panel-discover")).not.toBeNull();
  });

  it("says so when Pandora is not loaded", async () => {
    const { root } = await panel(
      { prefix: "/pandora", path: "/downloads" },
      { overrides: { "pandora/info": { version: "0.9.0", admin: true, loaded: false, services: {} } } },
    );
    expect(deepText(root)).toContain("Pandora is not loaded");
    expect(root.querySelector("pandora-panel-downloads")).toBeNull();
  });

  it("shows a toast whose action opens Downloads", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/discover" });
    root.querySelector("pandora-panel-discover")!.dispatchEvent(
      new CustomEvent("pandora-toast", {
        detail: { message: "Added to qBittorrent nas:8080", kind: "success", action: { label: "View downloads", tab: "downloads" } },
        bubbles: true,
        composed: true,
      }),
    );
    await settle();
    const region = root.querySelector('[role="status"][aria-live="polite"]')!;
    expect(deepText(region)).toContain("Added to qBittorrent nas:8080");
    [...region.querySelectorAll("button")].find((b) => deepText(b) === "View downloads")!.click();
    await settle();
    expect(selected(root)).toBe("tab-downloads");
    expect(window.location.pathname).toBe("/pandora/downloads");
  });

  it("leaves out a toast's action that would open the tab already shown", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/downloads" });
    root.querySelector("pandora-panel-downloads")!.dispatchEvent(
      new CustomEvent("pandora-toast", {
        detail: { message: "Added", kind: "success", action: { label: "View downloads", tab: "downloads" } },
        bubbles: true,
        composed: true,
      }),
    );
    await settle();
    const region = root.querySelector('[role="status"][aria-live="polite"]')!;
    expect(deepText(region)).toContain("Added");
    expect([...region.querySelectorAll("button")].map((b) => deepText(b))).not.toContain("View downloads");
  });

  it("shows the Requests tab at /requests, live when pandora/info has requests", async () => {
    const { fake, root } = await panel(
      { prefix: "/pandora", path: "/requests" },
      { overrides: { "pandora/info": requestsInfo } },
    );
    expect(selected(root)).toBe("tab-requests");
    const main = root.querySelector('[role="tabpanel"]')!;
    expect(main.id).toBe("panel-requests");
    expect(main.querySelector("pandora-panel-requests")!.hasAttribute("admin")).toBe(true);
    expect(fake.subscriptions.map((s) => s.message.type)).toEqual(["pandora/requests/subscribe"]);
    const { unsubscribe } = fake.subscriptions[0]!;
    tabs(root)[0]!.click();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    cleanup();
    // An older Pandora: the tab says why it is empty.
    const older = await panel(
      { prefix: "/pandora", path: "/requests" },
      { overrides: { "pandora/info": { ...admin, requests: undefined } } },
    );
    expect(deepText(older.root.querySelector("main")!)).toContain("Requests need a newer Pandora");
    expect(older.fake.subscriptions).toHaveLength(0);
  });

  it("opens Requests from a toast's action", async () => {
    const { root } = await panel({ prefix: "/pandora", path: "/discover" });
    root.querySelector("pandora-panel-discover")!.dispatchEvent(
      new CustomEvent("pandora-toast", {
        detail: { message: "Requested Dune: Part Two", kind: "success", action: { label: "View requests", tab: "requests" } },
        bubbles: true,
        composed: true,
      }),
    );
    await settle();
    const region = root.querySelector('[role="status"][aria-live="polite"]')!;
    [...region.querySelectorAll("button")].find((b) => deepText(b) === "View requests")!.click();
    await settle();
    expect(selected(root)).toBe("tab-requests");
    expect(window.location.pathname).toBe("/pandora/requests");
  });

  it("shows the Files, Library and Containers tabs their routes name", async () => {
    for (const [path, element] of [
      ["/files", "pandora-panel-files"],
      ["/library", "pandora-panel-library"],
      ["/containers", "pandora-panel-containers"],
    ] as const) {
      const { root } = await panel({ prefix: "/pandora", path });
      expect(selected(root)).toBe(`tab-${path.slice(1)}`);
      const main = root.querySelector('[role="tabpanel"]')!;
      expect(main.id).toBe(`panel-${path.slice(1)}`);
      expect(main.querySelector(element)).not.toBeNull();
      // Not configured in this fixture: each explains how to add its service.
      expect(deepText(main)).toContain("Settings → Devices & services → Pandora → Add ");
      cleanup();
    }
  });

  it("opens the title a /discover/<type>/<id> route names, and closing it goes back to /discover", async () => {
    window.history.replaceState(null, "", "/pandora/discover/movie/693134");
    const { fake, element, root } = await panel({ prefix: "/pandora", path: "/discover/movie/693134" });
    await settle();
    expect(selected(root)).toBe("tab-discover");
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/media", tmdb_id: 693134, media_type: "movie" });
    const discover = root.querySelector("pandora-panel-discover")!;
    const sheet = discover.shadowRoot!.querySelector("pandora-panel-sheet")!;
    expect(sheet.shadowRoot!.querySelector('[role="dialog"]')!.getAttribute("aria-label")).toBe("Night of the Living Dead");
    sheet.shadowRoot!.querySelector<HTMLButtonElement>("button.close")!.click();
    await settle();
    expect(window.location.pathname).toBe("/pandora/discover");
    expect(locationChanged).toHaveBeenLastCalledWith({ replace: true });
    element.route = { prefix: "/pandora", path: "/discover" };
    await settle();
    expect(discover.shadowRoot!.querySelector("pandora-panel-sheet")).toBeNull();
  });

  it("closes a linked title when the route moves back (the Back button)", async () => {
    const { element, root } = await panel({ prefix: "/pandora", path: "/discover/movie/693134" });
    await settle();
    const discover = root.querySelector("pandora-panel-discover")!;
    expect(discover.shadowRoot!.querySelector("pandora-panel-sheet")).not.toBeNull();
    element.route = { prefix: "/pandora", path: "/discover" };
    await settle();
    expect(discover.shadowRoot!.querySelector("pandora-panel-sheet")).toBeNull();
  });

  it("registers its elements once even when the module loads twice", () => {
    expect(customElements.get("pandora-panel")).toBe(PandoraPanel);
    class Other extends HTMLElement {}
    expect(() => define("pandora-panel", Other)).not.toThrow();
    expect(customElements.get("pandora-panel")).toBe(PandoraPanel);
  });
});
