import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { registerCard } from "../src/cards/card-base";
import "../src/cards/pandora-cards";
import {
  PandoraDiscoverCard,
  PandoraDownloadsCard,
  PandoraFilesCard,
} from "../src/cards/pandora-cards";
import { DISCOVER_LISTS, type TorrentEvent, type WsMessage } from "../src/data/types";
import { discover_trending_day as trending, files_downloaded as downloaded, info_full as info, torrents_full as full } from "./fixture-files";
import { FakeWsError, buttonWith, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

type Card = PandoraDownloadsCard | PandoraDiscoverCard | PandoraFilesCard;

const CARDS = {
  "pandora-downloads-card": PandoraDownloadsCard,
  "pandora-discover-card": PandoraDiscoverCard,
  "pandora-files-card": PandoraFilesCard,
} as const;

function responses(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    "pandora/info": info,
    "pandora/discover": (m: WsMessage) => ({ ...trending, list: m.list }),
    "pandora/files/list": (m: WsMessage) =>
      m.path === "/Downloaded" ? downloaded : { path: m.path, files: [] },
    ...overrides,
  };
}

/** A card as Lovelace makes one: created, configured, given hass, attached. */
async function card<T extends Card>(
  tag: keyof typeof CARDS,
  config: Record<string, unknown>,
  overrides: Record<string, Responder> = {},
) {
  const fake = fakeHass(responses(overrides));
  const element = document.createElement(tag) as T;
  element.setConfig({ type: `custom:${tag}`, ...config });
  element.hass = fake.hass;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

type Form = ReturnType<typeof PandoraDownloadsCard.getConfigForm>;

/** The form's fields by name, with the words Home Assistant shows for each. */
function fields(form: Form) {
  return Object.fromEntries(
    form.schema.map((field) => [
      field.name,
      { ...field, label: form.computeLabel(field), helper: form.computeHelper(field) },
    ]),
  );
}

let locationChanged: Mock<(detail: unknown) => void>;
const onLocationChanged = (e: Event) => locationChanged((e as CustomEvent).detail);

beforeEach(() => {
  locationChanged = vi.fn();
  window.addEventListener("location-changed", onLocationChanged);
  window.history.replaceState(null, "", "/lovelace/0");
});

afterEach(() => {
  window.removeEventListener("location-changed", onLocationChanged);
  cleanup();
});

describe("card registration", () => {
  it("lists each card once in the card picker, with a preview", () => {
    const entries = window.customCards!.filter((c) => c.type.startsWith("pandora-"));
    expect(entries.map((c) => c.type).sort()).toEqual(Object.keys(CARDS).sort());
    for (const entry of entries) {
      expect(entry.preview).toBe(true);
      expect(entry.name).toMatch(/^Pandora /);
      expect(entry.description.length).toBeGreaterThan(10);
    }
    // Loading the module again changes nothing.
    registerCard({ type: "pandora-files-card", name: "Again", description: "Twice" });
    expect(window.customCards!.filter((c) => c.type === "pandora-files-card")).toHaveLength(1);
    for (const [tag, cls] of Object.entries(CARDS)) {
      expect(customElements.get(tag)).toBe(cls);
      // Home Assistant draws the editor from getConfigForm: no editor element of Pandora's.
      expect(customElements.get(`${tag}-editor`)).toBeUndefined();
      expect("getConfigElement" in cls).toBe(false);
    }
  });

  it("gives every field of every editor a label and a helper", () => {
    for (const cls of Object.values(CARDS)) {
      const form = cls.getConfigForm();
      expect(form.schema.map((f) => f.name)).toContain("title");
      for (const field of form.schema) {
        expect(Object.keys(field.selector)).toHaveLength(1);
        expect(form.computeLabel(field), field.name).toMatch(/^[A-Z]/);
        expect(form.computeHelper(field)!.length, field.name).toBeGreaterThan(20);
        // The words stay out of the schema Home Assistant stores nothing of.
        expect(field).not.toHaveProperty("label");
        expect(field).not.toHaveProperty("helper");
      }
      expect(form.computeLabel({ name: "unknown", selector: { text: {} } })).toBeUndefined();
    }
  });

  it("gives Home Assistant sizes and stub configs that pass setConfig", () => {
    for (const [tag, cls] of Object.entries(CARDS)) {
      const element = document.createElement(tag) as Card;
      expect(() => element.setConfig({ type: `custom:${tag}`, ...cls.getStubConfig() })).not.toThrow();
      expect(element.getCardSize()).toBeGreaterThan(0);
      const grid = element.getGridOptions();
      expect(grid.columns).toBe(12);
      expect(grid.min_columns).toBeGreaterThan(0);
      expect(grid.min_rows).toBeGreaterThan(0);
    }
    expect(PandoraDownloadsCard.getStubConfig()).toEqual({ title: "Downloads", filter: "all", max_items: 5 });
    expect(PandoraDiscoverCard.getStubConfig()).toEqual({ list: "trending_week", max_items: 10 });
    expect(PandoraFilesCard.getStubConfig()).toEqual({ path: "/Downloaded" });
  });
});

describe("pandora-downloads-card", () => {
  const make = () => document.createElement("pandora-downloads-card") as PandoraDownloadsCard;

  it("refuses bad configs with a readable message", () => {
    expect(() => make().setConfig(null)).toThrow(/mapping/);
    expect(() => make().setConfig({ type: "x", filter: "fast" })).toThrow(/filter must be one of all, downloading/);
    expect(() => make().setConfig({ type: "x", max_items: 0 })).toThrow(/max_items must be a whole number from 1 to 50/);
    expect(() => make().setConfig({ type: "x", max_items: "3" })).toThrow(/max_items/);
    expect(() => make().setConfig({ type: "x", title: 3 })).toThrow(/title must be text/);
    expect(() => make().setConfig({ type: "x", filter: "seeding", max_items: 3, grid_options: { rows: 4 } })).not.toThrow();
  });

  it("renders the live torrents with progress, speed and ETA, capped", async () => {
    const { fake, root } = await card<PandoraDownloadsCard>("pandora-downloads-card", { max_items: 2 });
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: "pandora/torrents/subscribe" });
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloads");
    const rows = [...root.querySelectorAll("li.torrent")];
    expect(rows).toHaveLength(2);
    const downloading = rows.find((r) => deepText(r).includes("Night.of.the.Living.Dead"))!;
    const dune = deepText(downloading);
    expect(dune).toContain("42.1%");
    expect(dune).toContain("12.5 MB/s");
    expect(dune).toContain("ETA 14 min");
    expect(downloading.querySelector('[role="progressbar"]')!.getAttribute("aria-valuenow")).toBe("42.1");
    // Read-only: no torrent actions on a dashboard.
    expect(root.querySelectorAll("li.torrent button")).toHaveLength(0);
    expect(deepText(root)).toContain("and 1 more");
    // Without ha-card (as in tests), a plain frame.
    expect(root.querySelector(".frame.plain")).not.toBeNull();
  });

  it("filters, and says so when nothing matches", async () => {
    const { fake, root } = await card<PandoraDownloadsCard>("pandora-downloads-card", { filter: "errored", title: "Problems" });
    fake.push(full as TorrentEvent);
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Problems");
    expect(root.querySelectorAll("li.torrent")).toHaveLength(0);
    expect(deepText(root)).toContain("No torrent is errored right now.");
  });

  it("opens Downloads in the panel from its header", async () => {
    const { root } = await card<PandoraDownloadsCard>("pandora-downloads-card", {});
    const link = root.querySelector<HTMLAnchorElement>(".card-header a")!;
    expect(link.getAttribute("href")).toBe("/pandora/downloads");
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
    expect(window.location.pathname).toBe("/pandora/downloads");
    expect(locationChanged).toHaveBeenCalledWith({ replace: false });
  });

  it("shows the subscription's error", async () => {
    const fake = fakeHass({}, { subscribeError: new FakeWsError("not_found", "Pandora is not loaded") });
    const element = document.createElement("pandora-downloads-card") as PandoraDownloadsCard;
    element.setConfig({ type: "custom:pandora-downloads-card" });
    element.hass = fake.hass;
    await mount(element);
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).toContain("Pandora is not loaded");
  });

  it("has a form editor whose choices and range are what setConfig accepts", () => {
    const form = fields(PandoraDownloadsCard.getConfigForm());
    expect(Object.keys(form)).toEqual(["title", "filter", "max_items"]);
    expect(form.title!.selector).toEqual({ text: {} });
    expect(form.filter!.label).toBe("Torrents to show");
    expect(form.filter!.helper).toContain("Default: all");
    const options = (form.filter!.selector as { select: { options: { value: string; label: string }[] } }).select.options;
    expect(options.map((o) => o.label)).toEqual(["All", "Downloading", "Seeding", "Paused", "Completed", "Errored"]);
    for (const { value } of options) expect(() => make().setConfig({ type: "x", filter: value })).not.toThrow();
    expect(form.filter!.default).toBe("all");
    expect(form.max_items!.label).toBe("Number of torrents");
    expect(form.max_items!.selector).toEqual({ number: { min: 1, max: 50, step: 1, mode: "box" } });
    expect(form.max_items!.helper).toContain("1 to 50 (default 5)");
    expect(() => make().setConfig({ type: "x", max_items: 50 })).not.toThrow();
    expect(() => make().setConfig({ type: "x", max_items: 51 })).toThrow(/from 1 to 50/);
  });

  it("takes what the form leaves of emptied fields as not set", async () => {
    const { element, root } = await card<PandoraDownloadsCard>("pandora-downloads-card", {
      title: "",
      filter: "seeding",
      max_items: undefined,
      grid_options: { rows: 4 },
    });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloads: seeding");
    expect(element._config).toEqual({
      type: "custom:pandora-downloads-card",
      filter: "seeding",
      max_items: 5,
      grid_options: { rows: 4 },
    });
    element.setConfig({ type: "custom:pandora-downloads-card", title: "  " });
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloads");
  });
});

describe("pandora-discover-card", () => {
  const make = () => document.createElement("pandora-discover-card") as PandoraDiscoverCard;

  it("refuses bad configs", () => {
    expect(() => make().setConfig({ type: "x", list: "trending" })).toThrow(/list must be one of trending_day, trending_week/);
    expect(() => make().setConfig({ type: "x", max_items: 21 })).toThrow(/from 1 to 20/);
    expect(() => make().setConfig([])).toThrow(/mapping/);
    expect(() => make().setConfig({ type: "x", list: "popular_tv" })).not.toThrow();
  });

  it("renders one row of posters from the list", async () => {
    const { fake, root } = await card<PandoraDiscoverCard>("pandora-discover-card", { list: "popular_movies", max_items: 2 });
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/discover", list: "popular_movies", page: 1 });
    expect(root.querySelector(".card-title")!.textContent).toBe("Popular movies");
    const posters = [...root.querySelectorAll<HTMLButtonElement>("button.card")];
    expect(posters).toHaveLength(2);
    expect(posters[0]!.getAttribute("aria-label")).toBe("The Stranger, Movie, 1946, rated 7.2 out of 10");
    expect(posters[0]!.querySelector("img")!.getAttribute("src")).toBe(trending.results[0]!.poster_url);
  });

  it("opens the tapped title in Pandora's Discover tab", async () => {
    const { root } = await card<PandoraDiscoverCard>("pandora-discover-card", {});
    const posters = [...root.querySelectorAll<HTMLButtonElement>("button.card")];
    posters[1]!.click();
    const second = trending.results[1]!;
    expect(window.location.pathname).toBe(`/pandora/discover/${second.media_type}/${second.tmdb_id}`);
    expect(locationChanged).toHaveBeenCalledTimes(1);
  });

  it("loads again when the list changes, and shows errors with a retry", async () => {
    let fail = true;
    const { fake, element, root } = await card<PandoraDiscoverCard>("pandora-discover-card", {}, {
      "pandora/discover": (m: WsMessage) =>
        fail ? new FakeWsError("home_assistant_error", "TMDB did not answer") : { ...trending, list: m.list },
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("TMDB did not answer");
    fail = false;
    buttonWith(root, "Try again").click();
    await settle();
    expect(root.querySelectorAll("button.card")).toHaveLength(10);
    element.setConfig({ type: "custom:pandora-discover-card", list: "on_the_air_tv" });
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/discover", list: "on_the_air_tv", page: 1 });
    expect(root.querySelector(".card-title")!.textContent).toBe("On TV now");
  });

  it("has a form editor offering every list", () => {
    const form = fields(PandoraDiscoverCard.getConfigForm());
    expect(Object.keys(form)).toEqual(["title", "list", "max_items"]);
    const options = (form.list!.selector as { select: { options: { value: string; label: string }[] } }).select.options;
    expect(options.map((o) => o.value)).toEqual([...DISCOVER_LISTS]);
    expect(options.find((o) => o.value === "upcoming_movies")!.label).toBe("Upcoming movies");
    for (const { value } of options) expect(() => make().setConfig({ type: "x", list: value })).not.toThrow();
    expect(form.list!.helper).toContain("Default: Trending this week");
    expect(form.title!.helper).toContain("the list's name");
    expect(form.max_items!.label).toBe("Number of posters");
    expect(form.max_items!.selector).toEqual({ number: { min: 1, max: 20, step: 1, mode: "box" } });
    expect(form.max_items!.default).toBe(10);
  });
});

describe("pandora-files-card", () => {
  const make = () => document.createElement("pandora-files-card") as PandoraFilesCard;

  it("refuses bad configs", () => {
    expect(() => make().setConfig({ type: "x", path: 5 })).toThrow(/path must be text/);
    expect(() => make().setConfig({ type: "x", path: "/Downloaded/../etc" })).toThrow(/inside the share/);
    expect(() => make().setConfig({ type: "x", instance: 3 })).toThrow(/instance must be text/);
    expect(() => make().setConfig({ type: "x", path: "Downloads/" })).not.toThrow();
  });

  it("lists /Downloaded by default, folders first, with sizes", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {});
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/Downloaded" });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloaded");
    const rows = [...root.querySelectorAll<HTMLElement>("li.file")];
    expect(rows.map((r) => r.querySelector(".file-name")!.textContent)).toEqual([
      "The.Cisco.Kid.S02.1080p.WEB-DL",
      "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv",
    ]);
    expect(deepText(rows[1]!)).toContain("8 GB");
    // Read-only: no selection on a dashboard.
    expect(root.querySelectorAll('input[type="checkbox"]')).toHaveLength(0);
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe("/pandora/files/Downloaded");
  });

  it("opens folders inside the card and goes back up to its folder", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {
      title: "Ready",
      instance: "01JCCMD000000000000000001",
    });
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
    expect(root.querySelector('button[aria-label^="Up to"]')).toBeNull();
    root.querySelector<HTMLButtonElement>("button.file-name")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/files/list",
      path: "/Downloaded/The.Cisco.Kid.S02.1080p.WEB-DL",
      instance: "01JCCMD000000000000000001",
    });
    expect(root.querySelector(".card-title")!.textContent).toBe("The.Cisco.Kid.S02.1080p.WEB-DL");
    // Open in Pandora: the folder shown (the first share is the panel's default).
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe(
      "/pandora/files/Downloaded/The.Cisco.Kid.S02.1080p.WEB-DL",
    );
    expect(deepText(root)).toContain("This folder is empty");
    buttonWith(root, "Up to /Downloaded").click();
    await settle();
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
  });

  it("links to its folder in the panel, naming its share when it is not the first", async () => {
    const seedbox = { id: "01JCCMD000000000000000002", title: "Seed box #2" };
    const two = { ...info, services: { ...info.services, cloudcmd: [...info.services.cloudcmd, seedbox] } };
    const { root } = await card<PandoraFilesCard>(
      "pandora-files-card",
      { path: "/TV Shows/Café #1", instance: "Seed box #2" },
      { "pandora/info": two },
    );
    expect(root.querySelector<HTMLAnchorElement>(".card-header a")!.getAttribute("href")).toBe(
      `/pandora/files/TV%20Shows/Caf%C3%A9%20%231?share=${seedbox.id}`,
    );
  });

  it("shows the share's configured Downloaded folder, with its download folders first", async () => {
    const share = {
      ...info.services.cloudcmd[0]!,
      folders: { downloads: "/Incoming", downloaded: "/Ready", movies: "/Films", tv: "/Series" },
    };
    const withFolders = { ...info, services: { ...info.services, cloudcmd: [share] } };
    const ready = {
      path: "/Ready",
      files: ["/Ready/b.mkv", "/Ready/Incoming", "/Ready/Downloaded"].map((path) => ({
        name: path.split("/").pop()!,
        type: path.endsWith(".mkv") ? "file" : "directory",
        size: null,
        modified: null,
        path,
      })),
    };
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {}, {
      "pandora/info": withFolders,
      "pandora/files/list": (m: WsMessage) => (m.path === "/Ready" ? ready : { path: m.path, files: [] }),
    });
    const listed = fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/files/list");
    expect(listed).toEqual([{ type: "pandora/files/list", path: "/Ready" }]);
    expect(root.querySelector(".card-title")!.textContent).toBe("Ready");
    const names = [...root.querySelectorAll("li.file .file-name")].map((n) => n.textContent);
    expect(names).toEqual(["Downloaded", "Incoming", "b.mkv"]);
    // A folder configured in the card is kept (the share's folders are still highlighted).
    const other = await card<PandoraFilesCard>("pandora-files-card", { path: "/" }, {
      "pandora/info": withFolders,
      "pandora/files/list": (m: WsMessage) => ({
        path: m.path,
        files: ["/Downloaded", "/Ready"].map((path) => ({ name: path.slice(1), type: "directory", size: null, modified: null, path })),
      }),
    });
    expect(other.fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/" });
    expect([...other.root.querySelectorAll("li.file .file-name")].map((n) => n.textContent)).toEqual(["Ready", "Downloaded"]);
    expect(other.root.querySelector('li.file[data-path="/Ready"]')!.classList.contains("pinned")).toBe(true);
    expect(other.root.querySelector('li.file[data-path="/Downloaded"]')!.classList.contains("pinned")).toBe(false);
  });

  it("falls back to /Downloaded when the backend cannot say", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", {}, {
      "pandora/info": new FakeWsError("unknown_command", "Unknown command"),
    });
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/Downloaded" });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloaded");
  });

  it("has a form editor explaining the folder and the share", () => {
    const form = fields(PandoraFilesCard.getConfigForm());
    expect(Object.keys(form)).toEqual(["title", "path", "instance"]);
    expect(form.path!.label).toBe("Folder");
    expect(form.path!.helper).toContain("Empty: the share's Downloaded folder");
    expect(form.instance!.label).toBe("Cloud Commander share");
    expect(form.instance!.helper).toContain("Only with several shares");
    for (const field of Object.values(form)) expect(field.selector).toEqual({ text: {} });
  });

  it("takes emptied fields as not set", async () => {
    const { fake, root } = await card<PandoraFilesCard>("pandora-files-card", { title: "", path: "", instance: "" });
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/list", path: "/Downloaded" });
    expect(root.querySelector(".card-title")!.textContent).toBe("Downloaded");
  });
});

// Last: once defined, ha-card stays defined for the rest of this file.
describe("inside Home Assistant", () => {
  it("uses ha-card when Home Assistant defines it", async () => {
    if (!customElements.get("ha-card")) customElements.define("ha-card", class extends HTMLElement {});
    const { root } = await card<PandoraDownloadsCard>("pandora-downloads-card", {});
    expect(root.querySelector("ha-card.frame")).not.toBeNull();
    expect(root.querySelector(".frame.plain")).toBeNull();
  });
});
