import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import "../src/tabs/discover/pandora-panel-discover";
import type { PandoraDiscover } from "../src/tabs/discover/pandora-panel-discover";
import "../src/tabs/discover/pandora-panel-details";
import type { PandoraMediaDetails } from "../src/tabs/discover/pandora-panel-details";
import type { Info, MediaItem, RequestsSnapshot } from "../src/data/types";
import { discover_trending_day as trending, info_admin as admin, info_requests as infoRequests, media_movie as movie, media_tv as tv, requests_create_existing as existing, requests_create_movie as createdMovie, requests_create_tv as createdTv, requests_snapshot as snapshotFixture } from "./fixture-files";
import { FakeWsError, buttonWith, cleanup, deepText, fakeHass, mount, settle, type Responder } from "./helpers";

const FEED = "pandora/requests/subscribe";
// Via unknown: TypeScript unions the JSON's per-request `names` objects into optional keys.
const snapshot = snapshotFixture as unknown as RequestsSnapshot;
const trendingItem = (tmdbId: number) => trending.results.find((r) => r.tmdb_id === tmdbId)!;
// The titles the generated requests answers are about, as Discover lists them: Charade is what
// pandora/requests/create answered for a movie, Sintel the snapshot's (and create's "already
// requested") downloading movie.
const charade = trendingItem(900006);
const sintel = trendingItem(900014);
// The snapshot's show with an open season request (The Beverly Hillbillies, season 1 searching);
// no generated fixture lists it as a Discover item, so the generated show is given its id and title.
const hillbilliesRequest = snapshot.requests.find((r) => r.tmdb_id === 960003 && r.season === 1)!;
const hillbillies = { ...tv, tmdb_id: hillbilliesRequest.tmdb_id, title: hillbilliesRequest.title };

async function details(
  item: unknown,
  options: { admin?: boolean; requests?: boolean; overrides?: Record<string, Responder> } = {},
) {
  const isAdmin = options.admin ?? false;
  const fake = fakeHass(
    {
      "pandora/media": (m: { media_type?: unknown }) => (m.media_type === "tv" ? tv : movie),
      "pandora/requests/create": (m: { media_type?: unknown }) => (m.media_type === "tv" ? createdTv : createdMovie),
      ...options.overrides,
    },
    { admin: isAdmin },
  );
  const element = document.createElement("pandora-panel-details") as PandoraMediaDetails;
  element.api = new PandoraApi(fake.hass);
  element.item = item as MediaItem;
  element.admin = isAdmin;
  element.requests = options.requests ?? true;
  const toasts = vi.fn();
  element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
  await mount(element);
  return { fake, element, root: element.shadowRoot!, toasts };
}

const requestButton = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>("button.request");
const creates = (fake: ReturnType<typeof fakeHass>) =>
  fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === "pandora/requests/create");

afterEach(cleanup);

describe("the Request button", () => {
  it("requests a movie and shows its status", async () => {
    const { fake, root, toasts } = await details(charade);
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: FEED });
    fake.pushTo(FEED, { requests: [] });
    await settle();
    // Users get Request, not Download.
    expect(root.querySelector("button.download")).toBeNull();
    const button = requestButton(root)!;
    expect(deepText(button)).toBe("Request");
    button.click();
    await settle();
    expect(creates(fake)).toEqual([{ type: "pandora/requests/create", tmdb_id: 900006, media_type: "movie" }]);
    expect(toasts).toHaveBeenCalledWith({
      kind: "success",
      message: "Requested Charade",
      action: { label: "View requests", tab: "requests" },
    });
    expect(deepText(root.querySelector(".request-status")!)).toContain("Requested · Approved");
    expect(requestButton(root)).toBeNull();
    expect(root.activeElement).toBe(root.querySelector(".request-status"));
  });

  it("keeps Download for administrators next to Request", async () => {
    const { fake, root } = await details(movie, { admin: true });
    fake.pushTo(FEED, { requests: [] });
    await settle();
    expect(root.querySelector("button.download")).not.toBeNull();
    expect(requestButton(root)).not.toBeNull();
  });

  it("shows an open request's status instead of the button, with a link to that request", async () => {
    const { fake, element, root } = await details(sintel);
    fake.pushTo(FEED, snapshot);
    await settle();
    expect(requestButton(root)).toBeNull();
    expect(deepText(root.querySelector(".request-status")!)).toContain("Requested · Downloading");
    const navigate = vi.fn();
    element.addEventListener("pandora-navigate", (e) => navigate((e as CustomEvent).detail));
    buttonWith(root, "View in Requests").click();
    expect(navigate).toHaveBeenCalledWith({ view: { tab: "requests", request: "01JREQ0000000000000000005" } });
    // Once it is available, it can be asked for again.
    fake.pushTo(FEED, {
      requests: snapshot.requests.map((r) => (r.tmdb_id === 900014 ? { ...r, status: "available" } : r)),
    });
    await settle();
    expect(root.querySelector(".request-status")).toBeNull();
    expect(requestButton(root)).not.toBeNull();
  });

  it("says when the title was already requested", async () => {
    const { fake, root, toasts } = await details(sintel, {
      overrides: { "pandora/requests/create": existing },
    });
    fake.pushTo(FEED, { requests: [] });
    await settle();
    requestButton(root)!.click();
    await settle();
    expect(toasts).toHaveBeenCalledWith({
      kind: "success",
      message: "Already requested — you were added",
      action: { label: "View requests", tab: "requests" },
    });
    expect(deepText(root.querySelector(".request-status")!)).toContain("Requested · Downloading");
  });

  it("shows a failed request inline and lets the user try again", async () => {
    let fail = true;
    const { fake, root, toasts } = await details(movie, {
      overrides: {
        "pandora/requests/create": () => (fail ? new FakeWsError("home_assistant_error", "TMDB answered 503") : createdMovie),
      },
    });
    requestButton(root)!.click();
    await settle();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("Could not request it: TMDB answered 503");
    expect(toasts).not.toHaveBeenCalled();
    fail = false;
    requestButton(root)!.click();
    await settle();
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(creates(fake)).toHaveLength(2);
  });

  it("asks which seasons of a show, then requests them", async () => {
    // The generated show has no specials; a season 0 is added to check the picker leaves it out.
    const withSpecials = { ...tv, seasons: [{ number: 0, name: "Specials", episode_count: 3, year: 1950 }, ...tv.seasons] };
    const { fake, root, toasts } = await details(tv, { overrides: { "pandora/media": withSpecials } });
    fake.pushTo(FEED, { requests: [] });
    await settle();
    requestButton(root)!.click();
    await settle();
    const picker = root.querySelector("fieldset.picker")!;
    expect(requestButton(root)).toBeNull();
    expect(deepText(picker.querySelector("legend")!)).toBe("Which seasons?");
    const labels = [...picker.querySelectorAll("label")].map((l) => deepText(l));
    // Specials (season 0) are left out.
    expect(labels).toEqual([
      "Whole series (all seasons, as one request)",
      "Season 1 (26 episodes)",
      "Season 2 (26 episodes)",
      "Season 3 (26 episodes)",
      "Season 4 (26 episodes)",
      "Season 5 (26 episodes)",
      "Season 6 (26 episodes)",
    ]);
    expect(root.activeElement).toBe(picker.querySelector("input"));
    const submit = picker.querySelector<HTMLButtonElement>("button.submit-request")!;
    expect(submit.disabled).toBe(true);
    for (const season of ["1", "2"]) {
      const box = picker.querySelector<HTMLInputElement>(`input[data-season="${season}"]`)!;
      box.checked = true;
      box.dispatchEvent(new Event("change"));
    }
    await settle();
    expect(submit.disabled).toBe(false);
    expect(deepText(submit)).toBe("Request 2 seasons");
    submit.click();
    await settle();
    expect(creates(fake)).toEqual([
      { type: "pandora/requests/create", tmdb_id: 960001, media_type: "tv", seasons: [1, 2] },
    ]);
    expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ message: "Requested The Cisco Kid" }));
    expect(root.querySelector("fieldset.picker")).toBeNull();
    const rows = [...root.querySelectorAll(".requested li")].map((li) => deepText(li));
    expect(rows).toEqual(["Season 1 · Requested · Approved", "Season 2 · Requested · Approved"]);
    expect(deepText(requestButton(root)!)).toBe("Request more");
    // Two requests open: the link goes to the Requests tab, not to one of them.
    const navigate = vi.fn();
    root.host.addEventListener("pandora-navigate", (e) => navigate((e as CustomEvent).detail));
    buttonWith(root, "View in Requests").click();
    expect(navigate).toHaveBeenCalledWith({ view: { tab: "requests", request: undefined } });
  });

  it("requests a whole series without seasons", async () => {
    const { fake, root } = await details(tv);
    requestButton(root)!.click();
    await settle();
    const picker = root.querySelector("fieldset.picker")!;
    const whole = picker.querySelector<HTMLInputElement>("input")!;
    whole.checked = true;
    whole.dispatchEvent(new Event("change"));
    await settle();
    // Every season is included, so they are checked and locked.
    const seasons = [...picker.querySelectorAll<HTMLInputElement>("input[data-season]")];
    expect(seasons.every((s) => s.checked && s.disabled)).toBe(true);
    const submit = picker.querySelector<HTMLButtonElement>("button.submit-request")!;
    expect(deepText(submit)).toBe("Request whole series");
    submit.click();
    await settle();
    expect(creates(fake)).toEqual([{ type: "pandora/requests/create", tmdb_id: 960001, media_type: "tv" }]);
  });

  it("closes the season picker on Cancel without a request", async () => {
    const { fake, root } = await details(tv);
    requestButton(root)!.click();
    await settle();
    buttonWith(root, "Cancel").click();
    await settle();
    expect(root.querySelector("fieldset.picker")).toBeNull();
    expect(requestButton(root)).not.toBeNull();
    expect(creates(fake)).toHaveLength(0);
  });

  it("shows a show's open season requests and locks those seasons", async () => {
    const { fake, root } = await details(hillbillies);
    fake.pushTo(FEED, snapshot);
    await settle();
    expect([...root.querySelectorAll(".requested li")].map((li) => deepText(li))).toEqual([
      "Season 1 · Requested · Searching",
    ]);
    expect(deepText(requestButton(root)!)).toBe("Request more");
    requestButton(root)!.click();
    await settle();
    const one = root.querySelector<HTMLInputElement>('input[data-season="1"]')!;
    expect(one.disabled).toBe(true);
    expect(one.checked).toBe(true);
    expect(deepText(one.closest("label")!)).toContain("(requested)");
    expect(root.querySelector<HTMLInputElement>('input[data-season="2"]')!.disabled).toBe(false);
  });

  it("hides Request when a whole series is on its way", async () => {
    const { fake, root } = await details(hillbillies);
    // The snapshot has no whole-series request; its open season one is made one.
    const whole = { ...hillbilliesRequest, season: null };
    fake.pushTo(FEED, { requests: [whole] });
    await settle();
    expect(requestButton(root)).toBeNull();
    expect(deepText(root.querySelector(".request-status")!)).toContain("Whole series · Requested · Searching");
  });

  it("is not offered by a Pandora without requests", async () => {
    const { fake, root } = await details(movie, { requests: false });
    expect(requestButton(root)).toBeNull();
    expect(root.querySelector(".request-status")).toBeNull();
    // The real answer has in_watchlist, so the actions row stays for the watchlist alone.
    expect(root.querySelector(".actions")).not.toBeNull();
    expect(fake.subscribeMessage).not.toHaveBeenCalled();
    cleanup();
    // Without a watchlist either (no in_watchlist in the answer), there are no actions at all.
    const noWatchlist = { ...movie, in_watchlist: undefined };
    const bare = await details(noWatchlist, { requests: false, overrides: { "pandora/media": noWatchlist } });
    expect(bare.root.querySelector(".actions")).toBeNull();
    expect(bare.fake.subscribeMessage).not.toHaveBeenCalled();
  });

  it("unsubscribes when the details close", async () => {
    const { fake, element } = await details(movie);
    const { unsubscribe } = fake.subscriptions[0]!;
    element.remove();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it("shows in Discover's details sheet when pandora/info has requests", async () => {
    for (const [info, expected] of [
      [infoRequests, true],
      // Every generated pandora/info has requests; an older backend leaves the key out.
      [{ ...admin, requests: undefined }, false],
    ] as const) {
      const fake = fakeHass({ "pandora/discover": trending, "pandora/media": movie }, { admin: false });
      const element = document.createElement("pandora-panel-discover") as PandoraDiscover;
      element.api = new PandoraApi(fake.hass);
      element.info = { ...info, admin: false } as Info;
      await mount(element);
      element.shadowRoot!.querySelector<HTMLButtonElement>("button.card")!.click();
      await settle();
      const sheetDetails = element.shadowRoot!.querySelector("pandora-panel-details")!;
      expect(Boolean(sheetDetails.shadowRoot!.querySelector("button.request"))).toBe(expected);
      cleanup();
    }
  });
});
