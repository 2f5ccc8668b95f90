import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/api";
import { breadcrumbs, folderNameFrom, folderNameProblem, normalizePath, parentPath, sortEntries } from "../src/file-row";
import "../src/files-tab";
import { moveMessage, type PandoraFiles } from "../src/files-tab";
import type { FileEntry, Info, WsMessage } from "../src/types";
import downloaded from "./fixtures/files_downloaded.json";
import moved from "./fixtures/files_move.json";
import root from "./fixtures/files_root.json";
import empty from "./fixtures/info_empty.json";
import full from "./fixtures/info_full.json";
import { FakeWsError, buttonWith, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

const SHARE = "01JCCMD000000000000000001";
const DUNE = "/Downloaded/Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv";
const BREAKING = "/Downloaded/Breaking.Bad.S01.1080p.BluRay.x264";
const UBUNTU = "/Downloaded/Ubuntu 24.04 Desktop amd64.iso";

const listing = (m: WsMessage) => (m.path === "/Downloaded" ? downloaded : m.path === "/" ? root : { path: m.path, files: [] });

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
    expect(names).toEqual(["Downloaded", "Downloads", "Movies", "TV Shows", "notes.txt"]);
    expect(row(r, "/Downloads").classList.contains("pinned")).toBe(true);
    expect(row(r, "/Downloaded").classList.contains("pinned")).toBe(true);
    expect(row(r, "/Movies").classList.contains("pinned")).toBe(false);
    expect(deepText(row(r, "/Downloaded"))).toContain("Finished, ready to file");
    // Sizes and dates for people.
    expect(deepText(row(r, "/notes.txt"))).toContain("2 kB");
    const time = row(r, "/notes.txt").querySelector("time")!;
    expect(time.getAttribute("datetime")).toBe("2026-10-01T08:00:00+00:00");
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
    expect(deepText(row(r, DUNE))).toContain("18.4 GB");
    crumbs.querySelector<HTMLButtonElement>("button.crumb")!.click();
    await settle();
    expect(lists(fake).at(-1)!.path).toBe("/");
    expect(row(r, "/Movies")).not.toBeNull();
  });

  it("selects with checkboxes, Shift+click ranges, select all and Escape", async () => {
    const { root: r } = await files(full);
    r.querySelector<HTMLButtonElement>(".pins button:nth-child(2)")!.click();
    await settle();
    const order = [...r.querySelectorAll<HTMLElement>("li.file")].map((li) => li.dataset.path);
    expect(order).toEqual([BREAKING, DUNE, UBUNTU]);
    await check(r, BREAKING);
    expect(row(r, BREAKING).classList.contains("selected")).toBe(true);
    expect(deepText(r.querySelector('.actions[role="group"]')!)).toContain("1 selected");
    await check(r, UBUNTU, true);
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

  it("moves rows' focus with the arrow keys", async () => {
    const { root: r } = await files(full);
    const first = row(r, "/Downloaded").querySelector<HTMLInputElement>("input")!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(r.activeElement).toBe(row(r, "/Downloads").querySelector("input"));
    const name = row(r, "/Movies").querySelector<HTMLButtonElement>("button.file-name")!;
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
    await check(r, DUNE);
    buttonWith(r.querySelector('.actions[role="group"]')!, "Move to Movies").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    expect(sheet.getAttribute("label")).toBe("Move to Movies");
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    expect(folder.value).toBe("Dune Part Two (2024)");
    const scan = sheet.querySelector<HTMLInputElement>('input[name="scan_after"]')!;
    expect(scan.checked).toBe(true);
    expect(scan.getAttribute("role")).toBe("switch");
    buttonWith(sheet, "Move 1 item").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/files/move",
      paths: [DUNE],
      destination: "movies",
      folder: "Dune Part Two (2024)",
      scan_after: true,
      instance: SHARE,
    });
    expect(r.querySelector("pandora-panel-sheet")).toBeNull();
    expect(toasts).toHaveBeenCalledWith({
      kind: "success",
      message: "Moved Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv to /Movies/Dune Part Two (2024); scanning Movies.",
    });
    // The folder is listed again, with nothing selected.
    expect(lists(fake).at(-1)!.path).toBe("/Downloaded");
    expect(r.querySelectorAll("li.file.selected")).toHaveLength(0);
  });

  it("moves several items to TV Shows without a folder and without a scan", async () => {
    const { fake, element, root: r } = await files(full);
    await element.open("/Downloaded");
    await settle();
    await check(r, BREAKING);
    await check(r, UBUNTU);
    buttonWith(r, "Move to TV Shows").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    expect(folder.value).toBe("Breaking Bad");
    folder.value = "";
    folder.dispatchEvent(new Event("input"));
    const scan = sheet.querySelector<HTMLInputElement>('input[name="scan_after"]')!;
    scan.checked = false;
    scan.dispatchEvent(new Event("change"));
    await settle();
    sheet.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith({
      type: "pandora/files/move",
      paths: [BREAKING, UBUNTU],
      destination: "tv",
      scan_after: false,
      instance: SHARE,
    });
  });

  it("refuses a folder name with a slash and shows the backend's error in the sheet", async () => {
    const { fake, element, root: r } = await files(full, true, {
      "pandora/files/move": new FakeWsError("home_assistant_error", "/Movies/Dune Part Two (2024) already exists"),
    });
    await element.open("/Downloaded");
    await settle();
    await check(r, DUNE);
    buttonWith(r, "Move to Movies").click();
    await settle();
    const sheet = r.querySelector("pandora-panel-sheet")!;
    const folder = sheet.querySelector<HTMLInputElement>('input[name="folder"]')!;
    folder.value = "Dune/2024";
    folder.dispatchEvent(new Event("input"));
    await settle();
    expect(folder.getAttribute("aria-invalid")).toBe("true");
    expect(deepText(sheet)).toContain("A folder name cannot contain / or \\.");
    expect(buttonWith(sheet, "Move 1 item").disabled).toBe(true);
    folder.value = "Dune Part Two (2024)";
    folder.dispatchEvent(new Event("input"));
    await settle();
    buttonWith(sheet, "Move 1 item").click();
    await settle();
    expect(fake.callWS).toHaveBeenCalledWith(expect.objectContaining({ type: "pandora/files/move" }));
    const alert = sheet.querySelector('[role="alert"]')!;
    expect(deepText(alert)).toContain("Could not move: /Movies/Dune Part Two (2024) already exists");
    expect(r.querySelector("pandora-panel-sheet")).not.toBeNull();
  });

  it("lets non-administrators browse but not select or move", async () => {
    const { fake, root: r } = await files({ ...full, admin: false }, false);
    expect(r.querySelectorAll("li.file")).toHaveLength(5);
    expect(r.querySelectorAll('li.file input[type="checkbox"]')).toHaveLength(0);
    expect(r.querySelector(".select-bar")).toBeNull();
    expect(deepText(r)).not.toContain("Move to");
    row(r, "/Downloaded").querySelector<HTMLButtonElement>("button.file-name")!.click();
    await settle();
    expect(lists(fake).at(-1)!.path).toBe("/Downloaded");
    expect(fake.callWS.mock.calls.some(([m]) => m.type === "pandora/files/move")).toBe(false);
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
    expect(deepText(r)).toContain("Settings → Devices & services → Pandora → Add service → Cloud Commander");
    expect(fake.callWS).not.toHaveBeenCalled();
  });
});

describe("file helpers", () => {
  it("suggests library folder names from release names", () => {
    expect(folderNameFrom("Dune.Part.Two.2024.2160p.WEB-DL.DDP5.1.DV.HDR.H.265-FLUX.mkv")).toBe("Dune Part Two (2024)");
    expect(folderNameFrom("Breaking.Bad.S01.1080p.BluRay.x264", false)).toBe("Breaking Bad");
    expect(folderNameFrom("The.Office.US.S03E05.720p.HDTV.mkv")).toBe("The Office US");
    expect(folderNameFrom("1917.2019.1080p.BluRay.mkv")).toBe("1917 (2019)");
    expect(folderNameFrom("Some Movie (2020) [1080p].mkv")).toBe("Some Movie (2020)");
    expect(folderNameFrom("Ubuntu 24.04 Desktop amd64.iso")).toBe("Ubuntu 24.04 Desktop amd64");
  });

  it("checks folder names as the backend does", () => {
    expect(folderNameProblem("")).toBeNull();
    expect(folderNameProblem("Dune (2024)")).toBeNull();
    expect(folderNameProblem("a/b")).not.toBeNull();
    expect(folderNameProblem("..")).not.toBeNull();
    expect(folderNameProblem("x".repeat(201))).not.toBeNull();
  });

  it("works with share paths", () => {
    expect(normalizePath("Downloads//a/")).toBe("/Downloads/a");
    expect(normalizePath("/")).toBe("/");
    expect(parentPath("/Downloads/a")).toBe("/Downloads");
    expect(parentPath("/Downloads")).toBe("/");
    expect(breadcrumbs("/Downloads/a", "Share").map((c) => c.path)).toEqual(["/", "/Downloads", "/Downloads/a"]);
    const entries = (root.files as FileEntry[]).slice();
    expect(sortEntries(entries)[0]!.name).toBe("Downloaded");
    expect(moveMessage({ moved: ["/a", "/b"], destination: "/TV Shows", server: "x", scanned: null })).toBe(
      "Moved 2 items to /TV Shows.",
    );
  });
});
