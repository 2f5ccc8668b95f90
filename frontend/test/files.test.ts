import type { CSSResult } from "lit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/files/pandora-panel-files";
import type { PandoraFiles } from "../src/tabs/files/pandora-panel-files";
import { ROWS_PER_STEP } from "../src/tabs/files/files-listing";
import { mdiFolderCheckOutline, mdiFolderOutline, mdiHomeOutline } from "../src/components/icons";
import { DEFAULT_FOLDERS } from "../src/data/files";
import type { FileEntry, Info, WsMessage } from "../src/data/types";
import { files_downloaded as downloaded, files_move as moved, files_root as root, info_empty as empty, info_full as full } from "./fixture-files";
import { FakeWsError, buttonWith, cleanup, deepQuery, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

const SHARE = "01JCCMD000000000000000001";
const NIGHT = "/Downloaded/Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv";
const CISCO = "/Downloaded/The.Cisco.Kid.S02.1080p.WEB-DL";
const SINTEL = "/Downloaded/Sintel.2010.1080p.BluRay.x264-GRP.mkv";
// The generated Downloaded folder holds a folder and a file; the selection tests need a third
// entry (a Shift+click range across three, two files to delete), so a file is added after them.
const DOWNLOADED = {
  ...downloaded,
  files: [
    ...downloaded.files,
    { ...downloaded.files[1]!, name: "Sintel.2010.1080p.BluRay.x264-GRP.mkv", size: 2000000000, path: SINTEL },
  ],
};

const SEEDBOX = "01JCCMD000000000000000002";
const FOLDERS = { downloads: "/media/incoming", downloaded: "/Ready", movies: "/Films", tv: "/Library/Series" };

/** info_full with its share's folders configured, and a second share on the defaults. */
const configured = {
  ...full,
  services: {
    ...full.services,
    cloudcmd: [
      { ...full.services.cloudcmd[0]!, folders: FOLDERS },
      { id: SEEDBOX, title: "Cloud Commander seedbox", folders: { ...DEFAULT_FOLDERS } },
    ],
  },
};

const dir = (path: string): FileEntry => ({
  name: path.split("/").pop()!,
  type: "directory",
  size: null,
  modified: null,
  path,
});
const file = (path: string): FileEntry => ({ ...dir(path), type: "file", size: 10 });

/** A share whose folders are not the defaults. */
const customListing = (m: WsMessage) =>
  m.path === "/"
    ? { path: "/", files: ["/Downloaded", "/Films", "/Library", "/Ready", "/media"].map(dir).concat(file("/a.txt")) }
    : m.path === "/Ready"
      ? { path: "/Ready", files: [file("/Ready/Dune.2021.2160p.mkv"), dir("/Ready/Extras")] }
      : listing(m);

const listing = (m: WsMessage) => (m.path === "/Downloaded" ? DOWNLOADED : m.path === "/" ? root : { path: m.path, files: [] });

async function files(info: unknown, isAdmin = true, overrides: Record<string, Responder> = {}) {
  const fake = fakeHass({ "pandora/files/list": listing, "pandora/files/move": moved, ...overrides }, { admin: isAdmin });
  const element = document.createElement("pandora-panel-files") as PandoraFiles;
  element.api = new PandoraApi(fake.hass);
  element.info = info as Info;
  element.admin = isAdmin;
  await mount(element);
  return { fake, element, root: element.shadowRoot! };
}

const row = (r: ShadowRoot, path: string) => r.querySelector<HTMLElement>(`li.file[data-path="${path}"]`)!;
const check = async (r: ShadowRoot, path: string, shiftKey = false) => {
  const box = row(r, path).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
  // A click toggles the box (as in browsers), then the handler reads it.
  box.dispatchEvent(new MouseEvent("click", { shiftKey, bubbles: true, cancelable: true }));
  await settle();
};
const lists = (fake: ReturnType<typeof fakeHass>) =>
  fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/files/list");

afterEach(cleanup);

describe("Files tab", () => {
  it("lists the share's root with the download folders pinned, highlighted and first", async () => {
    const { fake, root: r } = await files(full);
    expect(lists(fake)[0]).toEqual({ type: "pandora/files/list", path: "/", instance: SHARE });
    const names = [...r.querySelectorAll("li.file .file-name")].map((n) => n.textContent);
    expect(names).toEqual(["Downloaded", "Downloads", "Home videos", "Movies", "TV Shows", "notes.txt"]);
    expect(row(r, "/Downloads").classList.contains("pinned")).toBe(true);
    expect(row(r, "/Downloaded").classList.contains("pinned")).toBe(true);
    expect(row(r, "/Movies").classList.contains("pinned")).toBe(false);
    expect(deepText(row(r, "/Downloaded"))).toContain("Finished, ready to file");
    // Sizes and dates for people.
    expect(deepText(row(r, "/notes.txt"))).toContain("16 B");
    const time = row(r, "/notes.txt").querySelector("time")!;
    expect(time.getAttribute("datetime")).toBe("2026-11-24T10:05:00+00:00");
    expect(time.textContent).toMatch(/ago|last|month|year/);
    expect(time.getAttribute("title")).toContain("2026");
    // Pinned shortcuts above the listing.
    const pins = [...r.querySelectorAll<HTMLButtonElement>(".pins button")];
    expect(pins.map((p) => deepText(p))).toEqual(["Downloads", "Downloaded"]);
  });

  it("navigates into folders and back with the breadcrumbs", async () => {
    const { fake, root: r } = await files(full);
    row(r, "/Downloaded").querySelector<HTMLButtonElement>("button.file-name")!.click();
    await settle();
    expect(lists(fake).at(-1)).toEqual({ type: "pandora/files/list", path: "/Downloaded", instance: SHARE });
    const crumbs = r.querySelector('nav[aria-label="Folder path"]')!;
    expect(deepText(crumbs)).toBe("Cloud Commander nas:8000 Downloaded");
    expect(crumbs.querySelector('[aria-current="location"]')!.textContent).toContain("Downloaded");
    expect(r.querySelector('.pins button[aria-current="true"]')!.textContent).toContain("Downloaded");
    expect(deepText(row(r, NIGHT))).toContain("8 GB");
    crumbs.querySelector<HTMLButtonElement>("button.crumb")!.click();
    await settle();
    expect(lists(fake).at(-1)!.path).toBe("/");
    expect(row(r, "/Movies")).not.toBeNull();
  });

  it("cuts long crumbs only, keeping short ones and the root (its home icon, with the share's title) whole", async () => {
    const { element, root: r } = await files(full);
    const crumbs = () => r.querySelector('nav[aria-label="Folder path"]')!;
    // At the root, the share's title is the current crumb, shown in full.
    let items = [...crumbs().querySelectorAll("li")];
    expect(items.map((li) => li.className.trim())).toEqual(["root current"]);
    expect(items[0]!.querySelector('[aria-current="location"]')!.getAttribute("title")).toBe("Cloud Commander nas:8000");

    await element.open(CISCO);
    await settle();
    items = [...crumbs().querySelectorAll("li")];
    expect(items.map((li) => li.className.trim())).toEqual(["root", "short", "long current"]);
    // Only long names shrink (each in proportion to its length); the others keep their width.
    const styles = (customElements.get("pandora-panel-files") as unknown as { styles: CSSResult[] }).styles
      .map((sheet) => sheet.cssText)
      .join("\n");
    const rule = (selector: string) => {
      const block = styles.slice(styles.indexOf(`${selector} {`));
      return block.slice(0, block.indexOf("}"));
    };
    expect(rule(".crumbs li")).toMatch(/flex:\s*none/);
    expect(rule(".crumbs li.long")).toMatch(/flex:\s*0 1 auto/);
    expect(styles).not.toMatch(/li\.(root|short|current)\s*\{[^}]*flex:\s*0 \d/);
    // A short current folder stays whole too; a long one in between gives way.
    await element.open(`${CISCO}/Subs`);
    await settle();
    items = [...crumbs().querySelectorAll("li")];
    expect(items.map((li) => li.className.trim())).toEqual(["root", "short", "long", "short current"]);
    await element.open(CISCO);
    await settle();
    items = [...crumbs().querySelectorAll("li")];
    // The root: a home icon whose accessible name and tooltip are the share's title.
    const home = items[0]!.querySelector<HTMLButtonElement>("button.crumb")!;
    expect(home.querySelector("path")!.getAttribute("d")).toBe(mdiHomeOutline);
    expect(deepText(home)).toBe("Cloud Commander nas:8000");
    expect(home.title).toBe("Cloud Commander nas:8000");
    // A shortened name's full text is its tooltip.
    expect(items[1]!.querySelector("button.crumb")!.getAttribute("title")).toBe("Downloaded");
    const current = items[2]!.querySelector('[aria-current="location"]')!;
    expect(current.getAttribute("title")).toBe("The.Cisco.Kid.S02.1080p.WEB-DL");
    expect(deepText(current)).toBe("The.Cisco.Kid.S02.1080p.WEB-DL");
    // Each crumb button is a touch target that still navigates.
    home.click();
    await settle();
    expect(element._listing.path).toBe("/");
  });

  it("heads the selection bar with the count and Clear, over the actions", async () => {
    const { element, root: r } = await files(full);
    await element.open("/Downloaded");
    await settle();
    await check(r, NIGHT);
    const bar = r.querySelector<HTMLElement>('[role="group"][aria-label="Selected files"]')!;
    const head = bar.querySelector(".actions-head")!;
    expect(deepText(head)).toBe("1 selected");
    const clear = head.querySelector<HTMLButtonElement>("button")!;
    expect(clear.getAttribute("aria-label")).toBe("Clear the selection");
    // The clear button ends the header line; the actions follow, in this order.
    expect(head.lastElementChild).toBe(clear);
    const actions = [...bar.querySelectorAll<HTMLButtonElement>(".actions-buttons button")];
    expect(actions.map((b) => deepText(b))).toEqual(["Move to Movies", "Move to TV Shows", "Delete"]);
    expect([...bar.querySelectorAll("button")].map((b) => b.getAttribute("aria-label") ?? deepText(b))).toEqual([
      "Clear the selection",
      "Move to Movies",
      "Move to TV Shows",
      "Delete",
    ]);
    clear.click();
    await settle();
    expect(r.querySelector('[role="group"][aria-label="Selected files"]')).toBeNull();
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(0);
  });

  it("says what lands in the share's empty download folders", async () => {
    const { element, root: r } = await files(configured, true, {
      "pandora/files/list": (m: WsMessage) => ({ path: m.path, files: [] }),
    });
    const text = () => deepText(r.querySelector(".state")!);
    await element.open("/media/incoming");
    await settle();
    expect(text()).toBe("This folder is empty Torrents being downloaded appear here.");
    await element.open("/Ready");
    await settle();
    expect(text()).toBe("This folder is empty Finished downloads land here, ready to move into Films or Series.");
    // Not this share's download folder: nothing special.
    await element.open("/Downloaded");
    await settle();
    expect(text()).toBe("This folder is empty Nothing is in this folder yet.");
  });

  it("selects with checkboxes, Shift+click ranges, select all and Escape", async () => {
    const { root: r } = await files(full);
    r.querySelector<HTMLButtonElement>(".pins button:nth-child(2)")!.click();
    await settle();
    const order = [...r.querySelectorAll<HTMLElement>("li.file")].map((li) => li.dataset.path);
    expect(order).toEqual([CISCO, NIGHT, SINTEL]);
    await check(r, CISCO);
    expect(row(r, CISCO).classList.contains("selected")).toBe(true);
    expect(deepText(r.querySelector('.actions[role="group"]')!)).toContain("1 selected");
    await check(r, SINTEL, true);
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(3);
    r.querySelector("ul.files")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await settle();
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(0);
    expect(r.querySelector('.actions[role="group"]')).toBeNull();
    const all = r.querySelector<HTMLInputElement>(".select-bar input")!;
    all.checked = true;
    all.dispatchEvent(new Event("change"));
    await settle();
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(3);
    expect(deepText(r.querySelector(".select-bar")!)).toContain("3 of 3 selected");
  });

  it("draws a 5,000-entry folder a window at a time, and selects every entry", async () => {
    const big = Array.from({ length: 5000 }, (_, n) =>
      file(`/Big/Film.${String(n).padStart(5, "0")}.2024.1080p.WEB-DL.mkv`),
    );
    const { root: r, element } = await files(full, true, {
      "pandora/files/list": (m: WsMessage) => (m.path === "/Big" ? { path: "/Big", files: big } : listing(m)),
    });
    element.folder = "/Big";
    await settle();
    const drawn = () => r.querySelectorAll("li.file").length;
    expect(drawn()).toBe(ROWS_PER_STEP);
    expect(deepText(r.querySelector("li.more")!)).toContain(`${5000 - ROWS_PER_STEP} not shown`);
    buttonWith(r, "more").click();
    await settle();
    expect(drawn()).toBe(2 * ROWS_PER_STEP);
    // Down from the last drawn row draws the next ones and goes on into them.
    const last = r.querySelectorAll<HTMLElement>("li.file")[2 * ROWS_PER_STEP - 1]!;
    const name = last.querySelector<HTMLInputElement>("input")!;
    name.focus();
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await settle();
    expect(drawn()).toBe(3 * ROWS_PER_STEP);
    expect(r.activeElement).toBe(row(r, big[2 * ROWS_PER_STEP]!.path).querySelector("input"));
    // Select all is every entry, drawn or not; a Shift+click range reaches past what is drawn.
    const all = r.querySelector<HTMLInputElement>(".select-bar input")!;
    all.checked = true;
    all.dispatchEvent(new Event("change"));
    await settle();
    expect(deepText(r.querySelector(".select-bar")!)).toContain("5000 of 5000 selected");
    // Another folder starts again from the first window.
    element.folder = "/";
    await settle();
    element.folder = "/Big";
    await settle();
    expect(drawn()).toBe(ROWS_PER_STEP);
  });

  it("moves rows' focus with the arrow keys", async () => {
    const { root: r } = await files(full);
    const first = row(r, "/Downloaded").querySelector<HTMLInputElement>("input")!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(r.activeElement).toBe(row(r, "/Downloads").querySelector("input"));
    const name = row(r, "/Home videos").querySelector<HTMLButtonElement>("button.file-name")!;
    name.focus();
    name.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true }));
    expect(r.activeElement).toBe(row(r, "/Downloads").querySelector("button.file-name"));
  });

  it("moves to Movies with the folder name from the file name and a scan afterwards", async () => {
    const { fake, element, root: r } = await files(full);
    const toasts = vi.fn();
    element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
    await element.open("/Downloaded");
    await settle();
    await check(r, NIGHT);
    buttonWith(r.querySelector('.actions[role="group"]')!, "Move to Movies").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    expect(sheet.getAttribute("label")).toBe("Move to Movies");
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    expect(folder.value).toBe("Night of the Living Dead (1968)");
    const scan = deepQuery<HTMLInputElement>(sheet, 'input[name="scan_after"]')!;
    expect(scan.checked).toBe(true);
    expect(scan.getAttribute("role")).toBe("switch");
    buttonWith(sheet, "Move 1 item").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/files/move",
      paths: [NIGHT],
      destination: "movies",
      folder: "Night of the Living Dead (1968)",
      scan_after: true,
      instance: SHARE,
    });
    expect(r.querySelector("pandora-panel-sheet")).toBeNull();
    expect(toasts).toHaveBeenCalledWith({
      kind: "success",
      message:
        "Moved Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv to /Movies/Night of the Living Dead (1968); scanning Movies.",
    });
    // The folder is listed again, with nothing selected.
    expect(lists(fake).at(-1)!.path).toBe("/Downloaded");
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(0);
  });

  it("moves several items to TV Shows without a folder and without a scan", async () => {
    const { fake, element, root: r } = await files(full);
    await element.open("/Downloaded");
    await settle();
    await check(r, CISCO);
    await check(r, SINTEL);
    buttonWith(r, "Move to TV Shows").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    expect(folder.value).toBe("The Cisco Kid");
    folder.value = "";
    folder.dispatchEvent(new Event("input"));
    const scan = deepQuery<HTMLInputElement>(sheet, 'input[name="scan_after"]')!;
    scan.checked = false;
    scan.dispatchEvent(new Event("change"));
    await settle();
    sheet.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/files/move",
      paths: [CISCO, SINTEL],
      destination: "tv",
      scan_after: false,
      instance: SHARE,
    });
  });

  it("refuses a folder name with a slash and shows the backend's error in the sheet", async () => {
    const { fake, element, root: r } = await files(full, true, {
      "pandora/files/move": new FakeWsError("home_assistant_error", "/Movies/Night of the Living Dead (1968) already exists"),
    });
    await element.open("/Downloaded");
    await settle();
    await check(r, NIGHT);
    buttonWith(r, "Move to Movies").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    folder.value = "Night/1968";
    folder.dispatchEvent(new Event("input"));
    await settle();
    expect(folder.getAttribute("aria-invalid")).toBe("true");
    expect(deepText(sheet)).toContain("A folder name cannot contain / or \\.");
    expect(buttonWith(sheet, "Move 1 item").disabled).toBe(true);
    folder.value = "Night of the Living Dead (1968)";
    folder.dispatchEvent(new Event("input"));
    await settle();
    buttonWith(sheet, "Move 1 item").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith(expect.objectContaining({ type: "pandora/files/move" }));
    const alert = sheet.querySelector('[role="alert"]')!;
    expect(deepText(alert)).toContain("Could not move: /Movies/Night of the Living Dead (1968) already exists");
    expect(r.querySelector("pandora-panel-sheet")).not.toBeNull();
  });

  it("lets non-administrators browse but not select, move or delete", async () => {
    const { fake, root: r } = await files({ ...full, admin: false }, false);
    expect(r.querySelectorAll("li.file")).toHaveLength(6);
    expect(r.querySelectorAll('li.file input[type="checkbox"]')).toHaveLength(0);
    expect(r.querySelector(".select-bar")).toBeNull();
    expect(deepText(r)).not.toContain("Move to");
    expect(deepText(r)).not.toContain("Delete");
    expect(r.querySelector(".actions")).toBeNull();
    row(r, "/Downloaded").querySelector<HTMLButtonElement>("button.file-name")!.click();
    await settle();
    expect(lists(fake).at(-1)!.path).toBe("/Downloaded");
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/files/move")).toBe(false);
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/files/delete")).toBe(false);
  });

  it("pins, highlights and sorts the share's configured folders, and moves into its library folders", async () => {
    const { fake, element, root: r } = await files(configured, true, { "pandora/files/list": customListing });
    const names = [...r.querySelectorAll("li.file .file-name")].map((n) => n.textContent);
    // Ready is this share's Downloaded folder: first and highlighted; /Downloaded is any folder.
    expect(names).toEqual(["Ready", "Downloaded", "Films", "Library", "media", "a.txt"]);
    expect(row(r, "/Ready").classList.contains("pinned")).toBe(true);
    expect(row(r, "/Downloaded").classList.contains("pinned")).toBe(false);
    expect(deepText(row(r, "/Ready"))).toContain("Finished, ready to file");
    expect(row(r, "/Ready").querySelector("path")!.getAttribute("d")).toBe(mdiFolderCheckOutline);
    expect(row(r, "/Downloaded").querySelector("path")!.getAttribute("d")).toBe(mdiFolderOutline);
    const pins = [...r.querySelectorAll<HTMLButtonElement>(".pins button")];
    expect(pins.map((p) => deepText(p))).toEqual(["incoming", "Ready"]);
    expect(pins.map((p) => p.title)).toEqual(["/media/incoming", "/Ready"]);
    pins[0]!.click();
    await settle();
    expect(lists(fake).at(-1)).toEqual({ type: "pandora/files/list", path: "/media/incoming", instance: SHARE });
    expect(r.querySelector('.pins button[aria-current="true"]')!.textContent).toContain("incoming");

    await element.open("/Ready");
    await settle();
    await check(r, "/Ready/Dune.2021.2160p.mkv");
    const actions = r.querySelector('.actions[role="group"]')!;
    expect([...actions.querySelectorAll("button.btn")].map((b) => deepText(b))).toEqual([
      "Move to Films",
      "Move to Series",
      "Delete",
    ]);
    buttonWith(actions, "Move to Series").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    expect(sheet.getAttribute("label")).toBe("Move to Series");
    expect(deepText(sheet.querySelector("#folder-hint")!)).toContain("Created inside the /Library/Series folder");
    buttonWith(sheet, "Move 1 item").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith(
      expect.objectContaining({ type: "pandora/files/move", destination: "tv", paths: ["/Ready/Dune.2021.2160p.mkv"] }),
    );
  });

  it("uses each share's own folders, and the defaults when info has none", async () => {
    const { root: r } = await files(configured);
    const pins = () => [...r.querySelectorAll<HTMLButtonElement>(".pins button")].map((p) => deepText(p));
    expect(pins()).toEqual(["incoming", "Ready"]);
    const select = r.querySelector<HTMLSelectElement>(".share select")!;
    select.value = SEEDBOX;
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(pins()).toEqual(["Downloads", "Downloaded"]);
    expect(row(r, "/Downloaded").classList.contains("pinned")).toBe(true);
    expect([...r.querySelectorAll("li.file .file-name")].map((n) => n.textContent)[0]).toBe("Downloaded");
  });

  it("deletes the selected items after a confirmation", async () => {
    const { fake, element, root: r } = await files(full, true, { "pandora/files/delete": null });
    const toasts = vi.fn();
    element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
    await element.open("/Downloaded");
    await settle();
    await check(r, NIGHT);
    await check(r, SINTEL);
    const remove = buttonWith(r.querySelector('.actions[role="group"]')!, "Delete");
    expect(remove.classList.contains("danger")).toBe(true);
    remove.click();
    await settle();
    const sheet = r.querySelector("pandora-confirm")!;
    expect(sheet.getAttribute("label")).toBe("Delete files");
    expect(deepQuery(sheet, "h2")!.textContent).toBe("Delete 2 items?");
    expect([...sheet.querySelectorAll('[aria-label="Deleting"] li')].map((li) => li.textContent)).toEqual([
      "Night.of.the.Living.Dead.1968.1080p.BluRay.x264-GRP.mkv",
      "Sintel.2010.1080p.BluRay.x264-GRP.mkv",
    ]);
    expect(deepText(sheet)).toContain("cannot be undone");
    // Cancel: nothing deleted, still selected.
    buttonWith(sheet, "Cancel").click();
    await settle();
    expect(r.querySelector("pandora-confirm")).toBeNull();
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(2);
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/files/delete")).toBe(false);

    buttonWith(r.querySelector('.actions[role="group"]')!, "Delete").click();
    await settle();
    const confirm = buttonWith(r.querySelector("pandora-confirm")!, "Delete");
    expect(confirm.classList.contains("danger")).toBe(true);
    const before = lists(fake).length;
    confirm.click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/delete", paths: [NIGHT, SINTEL], instance: SHARE });
    expect(r.querySelector("pandora-confirm")).toBeNull();
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Deleted 2 items." });
    expect(lists(fake).length).toBe(before + 1);
    expect(lists(fake).at(-1)!.path).toBe("/Downloaded");
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(0);
    expect(r.querySelector('.actions[role="group"]')).toBeNull();
  });

  it("names a single item, shows the busy state and keeps errors in the sheet", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { fake, element, root: r } = await files(full, true, {
      "pandora/files/delete": () => new Promise((resolve) => (answer = resolve)),
    });
    await element.open("/Downloaded");
    await settle();
    await check(r, CISCO);
    buttonWith(r, "Delete").click();
    await settle();
    const sheet = r.querySelector("pandora-confirm")!;
    expect(deepQuery(sheet, "h2")!.textContent).toBe("Delete 1 item?");
    expect(deepQuery(sheet, ".confirm-name")!.textContent).toBe("The.Cisco.Kid.S02.1080p.WEB-DL");
    expect(deepText(sheet)).toContain("Folders are deleted with everything in them.");
    buttonWith(sheet, "Delete").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({ type: "pandora/files/delete", paths: [CISCO], instance: SHARE });
    const busy = buttonWith(sheet, "Deleting…");
    expect(busy.disabled).toBe(true);
    expect(buttonWith(sheet, "Cancel").disabled).toBe(true);
    // Closing is refused while the request runs.
    sheet.dispatchEvent(new CustomEvent("cancel"));
    await settle();
    expect(r.querySelector("pandora-confirm")).toBe(sheet);
    answer(new FakeWsError("home_assistant_error", "Cloud Commander did not answer"));
    await settle();
    expect(deepText(sheet.querySelector('[role="alert"]')!)).toBe("Could not delete: Cloud Commander did not answer");
    expect(r.querySelector("pandora-confirm")).toBe(sheet);
    expect(buttonWith(sheet, "Delete").disabled).toBe(false);
    // Still selected, to try again.
    expect(row(r, CISCO).classList.contains("selected")).toBe(true);
    sheet.dispatchEvent(new CustomEvent("cancel"));
    await settle();
    expect(r.querySelector("pandora-confirm")).toBeNull();
  });

  it("offers a share picker with several Cloud Commanders", async () => {
    const two = {
      ...full,
      services: {
        ...full.services,
        cloudcmd: [...full.services.cloudcmd, { id: "01JCCMD000000000000000002", title: "Cloud Commander seedbox" }],
      },
    };
    const { fake, root: r } = await files(two);
    const select = r.querySelector<HTMLSelectElement>(".share select")!;
    expect([...select.options].map((o) => o.textContent)).toEqual(["Cloud Commander nas:8000", "Cloud Commander seedbox"]);
    select.value = "01JCCMD000000000000000002";
    select.dispatchEvent(new Event("change"));
    await settle();
    expect(lists(fake).at(-1)).toEqual({ type: "pandora/files/list", path: "/", instance: "01JCCMD000000000000000002" });
    expect(deepText(r.querySelector("nav")!)).toBe("Cloud Commander seedbox");
  });

  it("shows an empty folder, and an error with a retry", async () => {
    let fail = true;
    const { element, root: r } = await files(full, true, {
      "pandora/files/list": (m: WsMessage) =>
        fail ? new FakeWsError("home_assistant_error", "Cloud Commander did not answer") : { path: m.path, files: [] },
    });
    expect(r.querySelector('[role="alert"]')!.textContent).toContain("Cloud Commander did not answer");
    fail = false;
    buttonWith(r, "Try again").click();
    await settle();
    expect(deepText(r)).toContain("This folder is empty");
    expect(element).toBeTruthy();
  });

  it("explains how to add Cloud Commander when it is missing", async () => {
    const { fake, root: r } = await files(empty);
    expect(deepText(r)).toContain("Settings → Devices & services → Pandora → Add Cloud Commander");
    expect(fake.callWS).not.toHaveBeenCalled();
  });
});
