import type { CSSResult } from "lit";
import { afterEach, describe, expect, it, vi } from "vitest";
import "../src/app/pandora-panel";
import type { PandoraPanel } from "../src/app/pandora-panel";
import { SHEET_OPEN_EVENT, type PandoraSheet, type SheetOpenDetail } from "../src/components/pandora-panel-sheet";
import { info_admin as admin, media_movie as movie, discover_trending_day as trending } from "./fixture-files";
import { cleanup, deepText, fakeHass, mount, settle } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

function sheet(): PandoraSheet {
  const element = document.createElement("pandora-panel-sheet");
  element.label = "Delete files";
  element.narrow = true;
  element.innerHTML = "<p>Delete 1 item?</p><button>Cancel</button><button>Delete</button>";
  return element;
}

/** An element's own stylesheet (the last of its styles). */
function own(tag: string): string {
  const styles = (customElements.get(tag) as unknown as { styles: CSSResult[] }).styles;
  return styles.at(-1)!.cssText;
}

/** The declarations of `selector`'s rule in `styles`. */
function rule(styles: string, selector: string): string {
  const block = styles.slice(styles.indexOf(`${selector} {`));
  return block.slice(0, block.indexOf("}"));
}

async function panel(path = "/discover") {
  window.history.replaceState(null, "", `/pandora${path}`);
  const fake = fakeHass({ "pandora/info": admin, "pandora/discover": trending, "pandora/media": movie });
  const element = document.createElement("pandora-panel") as PandoraPanel;
  element.hass = fake.hass;
  element.narrow = true;
  element.route = { prefix: "/pandora", path };
  element.panel = { url_path: "pandora", title: "Pandora", config: null };
  await mount(element);
  const root = element.shadowRoot!;
  const tab = root.querySelector("pandora-panel-discover")!;
  const region = root.querySelector('[role="status"][aria-live="polite"]')!;
  const toast = (message: string) =>
    tab.dispatchEvent(
      new CustomEvent("pandora-toast", { detail: { message, kind: "success" }, bubbles: true, composed: true }),
    );
  return { element, root, tab, region, toast };
}

describe("sheet", () => {
  it("announces that it is open while it is connected", async () => {
    const host = document.createElement("div");
    const shadow = host.attachShadow({ mode: "open" });
    await mount(host);
    const opened: SheetOpenDetail[] = [];
    document.body.addEventListener(SHEET_OPEN_EVENT, (e) => opened.push((e as CustomEvent<SheetOpenDetail>).detail));
    const element = sheet();
    // From inside a tab's shadow root, as the tabs render it.
    shadow.append(element);
    await settle();
    expect(opened).toHaveLength(1);
    let closed = false;
    void opened[0]!.closed.then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    element.remove();
    await settle();
    expect(closed).toBe(true);
  });

  it("stacks above the panel's toasts and app bar", () => {
    // Both are fixed (the app bar sticky) in the same stacking context: no element between the
    // panel and a tab's sheet creates one, so their z-index values decide.
    const zIndex = (styles: string, selector: string) => Number(/z-index:\s*(\d+)/.exec(rule(styles, selector))?.[1]);
    const sheetZ = zIndex(own("pandora-panel-sheet"), ":host");
    expect(sheetZ).toBe(30);
    expect(sheetZ).toBeGreaterThan(zIndex(own("pandora-panel"), ".toast-region"));
    expect(sheetZ).toBeGreaterThan(zIndex(own("pandora-panel"), ".app-bar"));
  });

  it("keeps the bottom sheet's handle in a strip of its own, above the scrolling content", async () => {
    const element = await mount(sheet());
    const dialog = element.shadowRoot!.querySelector(".panel")!;
    const grabber = dialog.querySelector(".grabber")!;
    const body = dialog.querySelector(".body")!;
    expect(grabber.querySelector(".handle")).not.toBeNull();
    expect(body.contains(grabber)).toBe(false);
    expect(grabber.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Not drawn over the content: laid out in the sheet's flow, on the sheet's background.
    const styles = own("pandora-panel-sheet");
    expect(rule(styles, ".handle")).not.toMatch(/position:\s*absolute/);
    expect(rule(styles, ".grabber")).not.toMatch(/position:\s*absolute/);
    expect(rule(styles, ".grabber")).toMatch(/background:\s*var\(--_surface\)/);
    // A centred dialog on wide screens has none.
    element.narrow = false;
    await settle();
    expect(dialog.querySelector(".grabber")).toBeNull();
  });
});

describe("panel toasts and sheets", () => {
  it("hides a toast while a sheet is open and shows it again when it closes", async () => {
    const { root, tab, region, toast } = await panel();
    toast("Removed Dune");
    await settle();
    expect(deepText(region)).toContain("Removed Dune");
    const element = sheet();
    tab.shadowRoot!.append(element);
    await settle();
    // The sheet's buttons are not covered: the toast is gone while it is open.
    expect(region.querySelector(".toast")).toBeNull();
    expect(root.querySelector('[role="status"][aria-live="polite"]')).toBe(region);
    // One raised meanwhile waits too.
    toast("Deleted notes.txt.");
    await settle();
    expect(region.querySelector(".toast")).toBeNull();
    element.remove();
    await settle();
    expect(deepText(region)).toContain("Deleted notes.txt.");
  });

  it("pauses a toast's time while a sheet is open", async () => {
    const { tab, region, toast } = await panel();
    vi.useFakeTimers();
    toast("Moved Dune to /Movies.");
    await vi.advanceTimersByTimeAsync(2000);
    const first = sheet();
    const second = sheet();
    tab.shadowRoot!.append(first, second);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(region.querySelector(".toast")).toBeNull();
    // Still held back while any sheet is open.
    first.remove();
    await vi.advanceTimersByTimeAsync(10);
    expect(region.querySelector(".toast")).toBeNull();
    second.remove();
    await vi.advanceTimersByTimeAsync(10);
    expect(deepText(region)).toContain("Moved Dune to /Movies.");
    // The 4 s it had left, not more.
    await vi.advanceTimersByTimeAsync(3900);
    expect(deepText(region)).toContain("Moved Dune to /Movies.");
    await vi.advanceTimersByTimeAsync(200);
    expect(region.querySelector(".toast")).toBeNull();
  });

  it("hides toasts behind a tab's own sheet, such as a title's details", async () => {
    const { element, tab, region, toast } = await panel("/discover/movie/693134");
    await settle();
    expect(tab.shadowRoot!.querySelector("pandora-panel-sheet")).not.toBeNull();
    toast("Added to qBittorrent nas:8080");
    await settle();
    expect(region.querySelector(".toast")).toBeNull();
    element.route = { prefix: "/pandora", path: "/discover" };
    await settle();
    expect(tab.shadowRoot!.querySelector("pandora-panel-sheet")).toBeNull();
    expect(deepText(region)).toContain("Added to qBittorrent nas:8080");
  });
});
