import { afterEach, describe, expect, it, vi } from "vitest";
import { PandoraApi } from "../src/data/api";
import {
  actorName,
  mergeRequests,
  openRequestsFor,
  requestSubject,
  seasonLabel,
  statusLabel,
  statusTone,
} from "../src/data/requests";
import "../src/tabs/requests/pandora-panel-requests";
import { MAX_REASON, type PandoraRequests } from "../src/tabs/requests/pandora-panel-requests";
import type { Info, MediaRequest, RequestsSnapshot } from "../src/data/types";
import { info_admin as admin, info_requests as infoRequests, requests_approve as approved, requests_deny as denied, requests_retry as retried, requests_snapshot as snapshotFixture, requests_user as userFixture, requests_withdraw as withdrawn } from "./fixture-files";
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

const FEED = "pandora/requests/subscribe";
// Via unknown: TypeScript unions the JSON's per-request `names` objects into optional keys.
const snapshot = snapshotFixture as unknown as RequestsSnapshot;
const userSnapshot = userFixture as unknown as RequestsSnapshot;
const HIS_GIRL_FRIDAY = "01JREQ0000000000000000007"; // pending, Sam
const BONANZA = "01JREQ0000000000000000006"; // pending, TV season 2, Robin + Sam
const SINTEL = "01JREQ0000000000000000005"; // downloading, Alex (u1, the fake user)
const HILLBILLIES = "01JREQ0000000000000000004"; // The Beverly Hillbillies: searching, season 1
const THE_GENERAL = "01JREQ0000000000000000003"; // available
const DRAGNET = "01JREQ0000000000000000002"; // failed, whole series, Alex
const PLAN_9 = "01JREQ0000000000000000001"; // Plan 9 from Outer Space: denied

// The generated withdraw and deny answers are for requests of their own (Detour, Bonanza); the
// tests withdraw and deny His Girl Friday, so its request is answered the same way.
const hisGirlFriday = snapshot.requests.find((r) => r.id === HIS_GIRL_FRIDAY)!;
const WITHDRAWN = { ...withdrawn, request: { ...hisGirlFriday, status: withdrawn.request.status } };
const DENIED_HGF = { ...denied, request: { ...hisGirlFriday, status: denied.request.status } };

async function requestsTab(
  options: {
    admin?: boolean;
    info?: unknown;
    overrides?: Record<string, Responder>;
    subscribeError?: FakeWsError;
    /** The user's id (the fake hass's user is "u1"). */
    userId?: string;
  } = {},
) {
  const isAdmin = options.admin ?? true;
  const fake = fakeHass(
    {
      "pandora/requests/approve": approved,
      "pandora/requests/deny": denied,
      "pandora/requests/retry": retried,
      "pandora/requests/withdraw": WITHDRAWN,
      ...options.overrides,
    },
    { admin: isAdmin, subscribeError: options.subscribeError },
  );
  if (options.userId) (fake.hass.user as { id: string }).id = options.userId;
  const element = document.createElement("pandora-panel-requests") as PandoraRequests;
  element.api = new PandoraApi(fake.hass);
  element.info = (options.info ?? { ...infoRequests, admin: isAdmin }) as Info;
  element.admin = isAdmin;
  await mount(element);
  const toasts = vi.fn();
  element.addEventListener("pandora-toast", (e) => toasts((e as CustomEvent).detail));
  return { fake, element, root: element.shadowRoot!, toasts };
}

async function withSnapshot(value: RequestsSnapshot = snapshot, options: Parameters<typeof requestsTab>[0] = {}) {
  const tab = await requestsTab(options);
  tab.fake.pushTo(FEED, value);
  await settle();
  return tab;
}

const card = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`li.request[data-request="${id}"]`);
const shownIds = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLElement>("li.request")].map((li) => li.dataset.request);
const filterButton = (root: ShadowRoot, id: string) =>
  root.querySelector<HTMLButtonElement>(`button.filter[data-filter="${id}"]`)!;
const wsCalls = (fake: ReturnType<typeof fakeHass>, type: string) =>
  fake.callWS.mock.calls.map(([m]) => m).filter((m) => m.type === type);

afterEach(cleanup);

describe("request helpers", () => {
  it("names seasons, subjects and status colours", () => {
    const bear = snapshot.requests[1]!;
    const severance = snapshot.requests[5]!;
    expect(seasonLabel(bear)).toBe("Season 2");
    expect(seasonLabel(severance)).toBe("Whole series");
    expect(seasonLabel({ media_type: "tv", season: 0 })).toBe("Specials");
    expect(seasonLabel(snapshot.requests[0]!)).toBeNull();
    expect(requestSubject(bear)).toBe("Bonanza · Season 2");
    expect(requestSubject(snapshot.requests[0]!)).toBe("His Girl Friday");
    expect(
      (
        [
          "pending",
          "approved",
          "searching",
          "downloading",
          "importing",
          "available",
          "denied",
          "withdrawn",
          "failed",
        ] as const
      ).map(statusTone),
    ).toEqual(["pending", "progress", "progress", "progress", "progress", "available", "denied", "denied", "failed"]);
    expect(statusLabel("withdrawn")).toBe("Withdrawn");
  });

  it("names who changed a status", () => {
    const bear = snapshot.requests[1]!;
    expect(actorName(bear, "u3", "u1")).toBe("Robin");
    expect(actorName(bear, "u2", "u1")).toBe("Sam");
    expect(actorName(bear, "u1", "u1")).toBe("you");
    expect(actorName(bear, null, "u1")).toBe("Pandora");
    expect(actorName(bear, "u7", "u1")).toBe("an administrator");
    // With the backend's names by id, whoever decided is named.
    expect(actorName({ ...bear, names: { u7: "Alex" } }, "u7", "u1")).toBe("Alex");
  });

  it("finds a title's open requests and merges answers", () => {
    expect(openRequestsFor(snapshot, { tmdb_id: 900014, media_type: "movie" }).map((r) => r.id)).toEqual([SINTEL]);
    // Failed and denied requests are not open.
    expect(openRequestsFor(snapshot, { tmdb_id: 960002, media_type: "tv" })).toEqual([]);
    expect(openRequestsFor(null, { tmdb_id: 1, media_type: "movie" })).toEqual([]);
    const merged = mergeRequests(snapshot, [approved.request as MediaRequest]);
    expect(merged.requests).toHaveLength(snapshot.requests.length);
    expect(merged.requests[0]!.status).toBe("approved");
    const added = mergeRequests({ requests: [] }, [approved.request as MediaRequest]);
    expect(added.requests.map((r) => r.id)).toEqual([HIS_GIRL_FRIDAY]);
  });
});

describe("Requests tab", () => {
  it("subscribes and shows placeholders until the first snapshot", async () => {
    const { fake, root } = await requestsTab();
    expect(fake.subscribeMessage).toHaveBeenCalledWith(expect.any(Function), { type: FEED });
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
  });

  it("renders a card per request with its status, season, requesters, release and reason", async () => {
    // Every generated request has a poster, and only the downloading one names its release:
    // Bonanza loses its poster and The General (available) gets a release, to check both.
    const shown = {
      requests: snapshot.requests.map((r) =>
        r.id === BONANZA
          ? { ...r, poster_url: null }
          : r.id === THE_GENERAL
            ? { ...r, release: "The.General.1926.1080p.BluRay.x264-GRP" }
            : r,
      ),
    };
    const { root } = await withSnapshot(shown, {});
    buttonWith(root, "All").click();
    await settle();
    expect(shownIds(root)).toEqual(snapshot.requests.map((r) => r.id));

    const status = (id: string) => card(root, id)!.querySelector<HTMLElement>(".status")!;
    const expected: [string, string, string][] = [
      [HIS_GIRL_FRIDAY, "Pending", "pending"],
      [BONANZA, "Pending", "pending"],
      [SINTEL, "Downloading", "progress"],
      [HILLBILLIES, "Searching", "progress"],
      [THE_GENERAL, "Available", "available"],
      [DRAGNET, "Failed", "failed"],
      [PLAN_9, "Denied", "denied"],
    ];
    for (const [id, label, tone] of expected) {
      expect(status(id).textContent!.trim()).toBe(label);
      expect(status(id).classList.contains(tone)).toBe(true);
      expect(card(root, id)!.dataset.status).toBe(snapshot.requests.find((r) => r.id === id)!.status);
    }

    const girlFriday = card(root, HIS_GIRL_FRIDAY)!;
    expect(girlFriday.querySelector("h3")!.textContent).toContain("His Girl Friday");
    expect(girlFriday.querySelector(".year")!.textContent).toBe("(1940)");
    expect(girlFriday.querySelector("img")!.getAttribute("src")).toBe(snapshot.requests[0]!.poster_url);
    expect(deepText(girlFriday.querySelector(".sub")!)).toBe("Movie");
    expect(deepText(girlFriday.querySelector(".who")!)).toContain("Requested by Sam");
    expect(girlFriday.querySelector(".who time")!.getAttribute("datetime")).toBe("2026-11-24T10:26:00+00:00");

    const bear = card(root, BONANZA)!;
    expect(deepText(bear.querySelector(".sub")!)).toBe("TV · Season 2");
    expect(deepText(bear.querySelector(".who")!)).toContain("Requested by Robin, Sam");
    // No poster: the placeholder icon only.
    expect(bear.querySelector("img")).toBeNull();
    expect(deepText(card(root, DRAGNET)!.querySelector(".sub")!)).toBe("TV · Whole series");

    expect(deepText(card(root, SINTEL)!.querySelector(".release")!)).toContain(
      "Sintel.2010.1080p.BluRay.x264-GRP",
    );
    // The release shows only while it downloads (or is filed).
    expect(card(root, THE_GENERAL)!.querySelector(".release")).toBeNull();
    // A failure in words for people; the administrator also reads its cause.
    expect(deepText(card(root, DRAGNET)!.querySelector(".reason")!)).toBe(
      "Failed: We couldn't find a copy of Dragnet (1951) yet; an admin can retry no release found",
    );
    expect(deepText(card(root, DRAGNET)!.querySelector(".reason-detail")!)).toBe("no release found");
    expect(deepText(card(root, PLAN_9)!.querySelector(".reason")!)).toBe("Denied: Not this month");
    expect(card(root, SINTEL)!.querySelector(".reason")).toBeNull();
  });

  it("opens on Pending for administrators when requests wait, with counts", async () => {
    const { root } = await withSnapshot();
    expect(filterButton(root, "pending").getAttribute("aria-pressed")).toBe("true");
    expect(shownIds(root)).toEqual([HIS_GIRL_FRIDAY, BONANZA]);
    const counts = ["pending", "all", "mine"].map((f) => filterButton(root, f).querySelector(".count")!.textContent);
    expect(counts).toEqual(["2", "7", "2"]);
    filterButton(root, "mine").click();
    await settle();
    expect(filterButton(root, "mine").getAttribute("aria-pressed")).toBe("true");
    expect(filterButton(root, "pending").getAttribute("aria-pressed")).toBe("false");
    // Alex (u1) asked for Sintel and Dragnet.
    expect(shownIds(root)).toEqual([SINTEL, DRAGNET]);
    filterButton(root, "all").click();
    await settle();
    expect(shownIds(root)).toHaveLength(7);
  });

  it("opens on All when nothing is pending, and offers All when a filter is empty", async () => {
    const none = { requests: snapshot.requests.filter((r) => r.status !== "pending") };
    const { fake, root } = await withSnapshot(none);
    expect(filterButton(root, "all").getAttribute("aria-pressed")).toBe("true");
    expect(shownIds(root)).toHaveLength(5);
    // The choice stays when requests arrive.
    fake.pushTo(FEED, snapshot);
    await settle();
    expect(filterButton(root, "all").getAttribute("aria-pressed")).toBe("true");
    fake.pushTo(FEED, none);
    await settle();
    filterButton(root, "pending").click();
    await settle();
    expect(deepText(root)).toContain("No requests are waiting for approval.");
    buttonWith(root, "Show all").click();
    await settle();
    expect(shownIds(root)).toHaveLength(5);
  });

  it("approves a pending request: the command, a busy button, the answer and a toast", async () => {
    let answer!: (value: unknown) => void;
    const { fake, root, toasts } = await withSnapshot(snapshot, {
      overrides: { "pandora/requests/approve": () => new Promise((resolve) => (answer = resolve)) },
    });
    const button = card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.approve")!;
    expect(deepText(button)).toBe("Approve");
    button.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/requests/approve", request_id: HIS_GIRL_FRIDAY });
    expect(deepText(button)).toBe("Approving…");
    expect(button.disabled).toBe(true);
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.deny")!.disabled).toBe(true);
    answer(approved);
    await settle();
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Approved His Girl Friday" });
    // The answer shows at once: approved, so it leaves the Pending filter.
    expect(card(root, HIS_GIRL_FRIDAY)).toBeNull();
    filterButton(root, "all").click();
    await settle();
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector(".status")!.textContent!.trim()).toBe("Approved");
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector("button.approve")).toBeNull();
  });

  it("shows a failed approval inline, without a toast", async () => {
    const { root, toasts } = await withSnapshot(snapshot, {
      overrides: {
        "pandora/requests/approve": new FakeWsError("request_wrong_status", "His Girl Friday is already approved"),
      },
    });
    card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.approve")!.click();
    await settle();
    const alert = card(root, HIS_GIRL_FRIDAY)!.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain("Could not approve it: His Girl Friday is already approved");
    expect(toasts).not.toHaveBeenCalled();
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.approve")!.disabled).toBe(false);
  });

  it("denies with a reason from the sheet", async () => {
    const { fake, root, toasts } = await withSnapshot(snapshot, { overrides: { "pandora/requests/deny": DENIED_HGF } });
    card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.deny")!.click();
    await settle();
    const sheet = root.querySelector("pandora-confirm")!;
    expect(deepQuery(sheet, '[role="dialog"]')!.getAttribute("aria-label")).toBe("Deny the request");
    expect(deepText(sheet)).toContain("Deny this request?");
    expect(deepText(sheet)).toContain("Sam will see it as denied");
    const textarea = sheet.querySelector<HTMLTextAreaElement>("textarea")!;
    expect(textarea.getAttribute("maxlength")).toBe(String(MAX_REASON));
    textarea.value = "  Not this month ";
    textarea.dispatchEvent(new Event("input"));
    await settle();
    expect(deepText(sheet.querySelector("#deny-count")!)).toBe(`17 / ${MAX_REASON}`);
    deepQuery<HTMLButtonElement>(sheet, "button.confirm")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({
      type: "pandora/requests/deny",
      request_id: HIS_GIRL_FRIDAY,
      reason: "Not this month",
    });
    expect(root.querySelector("pandora-confirm")).toBeNull();
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Denied His Girl Friday" });
  });

  it("denies without a reason, and keeps the sheet open with the error when it fails", async () => {
    let fail = true;
    const { fake, root, toasts } = await withSnapshot(snapshot, {
      overrides: {
        "pandora/requests/deny": () => (fail ? new FakeWsError("unauthorized", "Unauthorized") : denied),
      },
    });
    card(root, BONANZA)!.querySelector<HTMLButtonElement>("button.deny")!.click();
    await settle();
    const sheet = root.querySelector("pandora-confirm")!;
    expect(deepText(sheet)).toContain("Bonanza · Season 2");
    deepQuery<HTMLButtonElement>(sheet, "button.confirm")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/requests/deny", request_id: BONANZA });
    expect(sheet.querySelector('[role="alert"]')!.textContent).toContain("Could not deny it: Unauthorized");
    expect(root.querySelector("pandora-confirm")).toBe(sheet);
    expect(toasts).not.toHaveBeenCalled();
    fail = false;
    deepQuery<HTMLButtonElement>(sheet, "button.confirm")!.click();
    await settle();
    expect(root.querySelector("pandora-confirm")).toBeNull();
    expect(toasts).toHaveBeenCalledTimes(1);
  });

  it("cancels the deny sheet without a command", async () => {
    const { fake, root } = await withSnapshot();
    card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.deny")!.click();
    await settle();
    buttonWith(root.querySelector("pandora-confirm")!, "Cancel").click();
    await settle();
    expect(root.querySelector("pandora-confirm")).toBeNull();
    expect(wsCalls(fake, "pandora/requests/deny")).toHaveLength(0);
  });

  it("retries failed and denied requests; in-progress ones have no actions", async () => {
    const { fake, root, toasts } = await withSnapshot();
    filterButton(root, "all").click();
    await settle();
    expect(card(root, SINTEL)!.querySelector(".actions")).toBeNull();
    expect(card(root, THE_GENERAL)!.querySelector(".actions")).toBeNull();
    expect(card(root, PLAN_9)!.querySelector("button.retry")).not.toBeNull();
    card(root, DRAGNET)!.querySelector<HTMLButtonElement>("button.retry")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/requests/retry", request_id: DRAGNET });
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Retrying Dragnet · Whole series" });
    expect(card(root, DRAGNET)!.querySelector(".status")!.textContent!.trim()).toBe("Approved");
    expect(card(root, DRAGNET)!.querySelector(".reason")).toBeNull();
  });

  it("expands a request's time line", async () => {
    const { root } = await withSnapshot();
    filterButton(root, "all").click();
    await settle();
    const dune = card(root, SINTEL)!;
    const toggle = dune.querySelector<HTMLButtonElement>("button.steps-toggle")!;
    const steps = dune.querySelector<HTMLElement>("ol.steps")!;
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(toggle.getAttribute("aria-controls")).toBe(steps.id);
    expect(steps.hidden).toBe(true);
    expect(deepText(toggle)).toContain("4");
    toggle.click();
    await settle();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(steps.hidden).toBe(false);
    const items = [...steps.querySelectorAll("li")].map((li) => deepText(li));
    expect(items).toHaveLength(4);
    expect(items[0]).toContain("Pending by you");
    expect(items[1]).toContain("Approved by you");
    expect(items[1]).toContain("auto-approved");
    expect(items[3]).toContain("Downloading by Pandora");
    expect(steps.querySelector("time")!.getAttribute("datetime")).toBe("2026-11-24T10:19:00+00:00");
    toggle.click();
    await settle();
    expect(steps.hidden).toBe(true);
  });

  it("shows a household member a failure in words for them, without its technical cause", async () => {
    const { root } = await withSnapshot(snapshot, { admin: false });
    const reason = card(root, DRAGNET)!.querySelector(".reason")!;
    expect(deepText(reason)).toBe("Failed: We couldn't find a copy of Dragnet (1951) yet; an admin can retry");
    expect(reason.querySelector(".reason-detail")).toBeNull();
    // An older backend without `public_reason`: its reason, as before.
    const older = snapshot.requests.map((r) => (r.id === DRAGNET ? { ...r, public_reason: undefined } : r));
    const { root: olderRoot } = await withSnapshot({ requests: older }, { admin: false });
    expect(deepText(card(olderRoot, DRAGNET)!.querySelector(".reason")!)).toBe(
      "Failed: no release found",
    );
  });

  it("lets a household member withdraw their own pending requests, and only those", async () => {
    let answer!: (value: unknown) => void;
    const { fake, root, toasts } = await withSnapshot(userSnapshot, {
      admin: false,
      userId: "u2",
      overrides: { "pandora/requests/withdraw": () => new Promise((resolve) => (answer = resolve)) },
    });
    const withdrawButton = (id: string) => card(root, id)!.querySelector<HTMLButtonElement>("button.withdraw");
    // Sam (u2) asked for His Girl Friday and joined Bonanza; The Beverly Hillbillies is already searching.
    expect(withdrawButton(HIS_GIRL_FRIDAY)).not.toBeNull();
    expect(withdrawButton(BONANZA)).not.toBeNull();
    expect(withdrawButton(HILLBILLIES)).toBeNull();
    expect(withdrawButton(THE_GENERAL)).toBeNull();
    expect(root.querySelectorAll("button.approve, button.deny, button.retry")).toHaveLength(0);

    const button = withdrawButton(HIS_GIRL_FRIDAY)!;
    expect(deepText(button)).toBe("Withdraw");
    expect(button.closest('[role="group"]')!.getAttribute("aria-labelledby")).toBe(`request-${HIS_GIRL_FRIDAY}`);
    button.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/requests/withdraw", request_id: HIS_GIRL_FRIDAY });
    expect(deepText(button)).toBe("Withdrawing…");
    expect(button.disabled).toBe(true);
    answer(WITHDRAWN);
    await settle();
    expect(toasts).toHaveBeenCalledWith({ kind: "success", message: "Withdrew His Girl Friday" });
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector(".status")!.textContent!.trim()).toBe("Withdrawn");
    expect(card(root, HIS_GIRL_FRIDAY)!.dataset.status).toBe("withdrawn");
    expect(withdrawButton(HIS_GIRL_FRIDAY)).toBeNull();

    // Robin asked for Bonanza first: Sam only leaves it, and no longer sees it.
    const bear = userSnapshot.requests.find((r) => r.id === BONANZA)!;
    const left = { request: { ...bear, watchers: [], users_names: ["Robin"] } };
    fake.respond("pandora/requests/withdraw", left);
    withdrawButton(BONANZA)!.click();
    await settle();
    expect(card(root, BONANZA)).toBeNull();
    expect(toasts).toHaveBeenLastCalledWith({ kind: "success", message: "Withdrew Bonanza · Season 2" });
  });

  it("shows a refused withdrawal inline", async () => {
    const { root, toasts } = await withSnapshot(userSnapshot, {
      admin: false,
      userId: "u2",
      overrides: {
        "pandora/requests/withdraw": new FakeWsError(
          "service_validation_error",
          "Only a request still waiting for approval can be withdrawn: the request for His Girl Friday is already approved",
        ),
      },
    });
    card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.withdraw")!.click();
    await settle();
    expect(card(root, HIS_GIRL_FRIDAY)!.querySelector('[role="alert"]')!.textContent).toContain(
      "Could not withdraw it: Only a request still waiting for approval can be withdrawn",
    );
    expect(toasts).not.toHaveBeenCalled();
  });

  it("lets administrators withdraw any pending request", async () => {
    const { fake, root } = await withSnapshot();
    const actions = card(root, BONANZA)!.querySelector(".actions")!;
    expect([...actions.querySelectorAll("button")].map((b) => deepText(b))).toEqual(["Approve", "Deny", "Withdraw"]);
    card(root, HIS_GIRL_FRIDAY)!.querySelector<HTMLButtonElement>("button.withdraw")!.click();
    await settle();
    expect(fake.callWS).toHaveBeenLastCalledWith({ type: "pandora/requests/withdraw", request_id: HIS_GIRL_FRIDAY });
    // Withdrawn: no longer pending.
    expect(card(root, HIS_GIRL_FRIDAY)).toBeNull();
  });

  it("shows users their own requests without filters or administrator buttons", async () => {
    const { root } = await withSnapshot(userSnapshot, { admin: false });
    expect(root.querySelector(".filters")).toBeNull();
    expect(shownIds(root)).toEqual(userSnapshot.requests.map((r) => r.id));
    expect(root.querySelectorAll("button.approve, button.deny, button.retry")).toHaveLength(0);
    // Only the time line toggles.
    expect([...root.querySelectorAll("button")].every((b) => b.classList.contains("steps-toggle"))).toBe(true);
  });

  it("tells users how to ask for a title when they have none", async () => {
    const { element, root } = await withSnapshot({ requests: [] }, { admin: false });
    expect(deepText(root)).toContain("No requests yet");
    expect(deepText(root)).toContain("Ask for a movie or show from Discover: open it and tap Request.");
    const navigate = vi.fn();
    element.addEventListener("pandora-navigate", (e) => navigate((e as CustomEvent).detail));
    buttonWith(root, "Open Discover").click();
    expect(navigate).toHaveBeenCalledWith({ tab: "discover" });
  });

  it("says so when an administrator has no requests", async () => {
    const { root } = await withSnapshot({ requests: [] });
    expect(deepText(root)).toContain("No requests yet");
    expect(root.querySelector(".filters")).toBeNull();
    expect(root.querySelectorAll("button")).toHaveLength(0);
  });

  it("needs a newer Pandora when pandora/info has no requests", async () => {
    // Every generated pandora/info has requests: an older backend leaves the key out.
    const { fake, root } = await requestsTab({ info: { ...admin, requests: undefined } });
    expect(deepText(root)).toContain("Requests need a newer Pandora");
    expect(fake.subscribeMessage).not.toHaveBeenCalled();
  });

  it("shows the subscription's error and subscribes again on retry", async () => {
    const { fake, root } = await requestsTab({
      subscribeError: new FakeWsError("not_found", "Pandora is not loaded"),
    });
    expect(root.querySelector('[role="alert"]')!.textContent).toContain("Pandora is not loaded");
    buttonWith(root, "Try again").click();
    await settle();
    expect(fake.subscribeMessage).toHaveBeenCalledTimes(2);
  });

  it("follows the live snapshot and unsubscribes when it leaves the page", async () => {
    const { fake, element, root } = await withSnapshot();
    const changed = snapshot.requests.map((r) =>
      r.id === BONANZA ? { ...r, status: "approved" as const } : r,
    );
    fake.pushTo(FEED, { requests: changed });
    await settle();
    expect(shownIds(root)).toEqual([HIS_GIRL_FRIDAY]);
    const { unsubscribe } = fake.subscriptions[0]!;
    element.remove();
    await settle();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(fake.subscriptions).toHaveLength(0);
    expect(deepQuery(root, "li.request")).not.toBeNull();
  });
});

describe("request commands", () => {
  it("send the contract's payloads", async () => {
    const fake = fakeHass({
      "pandora/requests/create": { requests: [], created: [] },
      "pandora/requests/deny": denied,
      "pandora/requests/list": userSnapshot,
      "pandora/requests/withdraw": withdrawn,
    });
    const api = new PandoraApi(fake.hass);
    await api.requestMedia({ tmdb_id: 900001, media_type: "movie" });
    await api.requestMedia({ tmdb_id: 960001, media_type: "tv", seasons: [1, 2] });
    await api.requestMedia({ tmdb_id: 960001, media_type: "tv", seasons: [] });
    await api.denyRequest("r1", "   ");
    await api.denyRequest("r1", "No");
    expect(await api.listRequests({ status: ["pending", "failed"], limit: 20 })).toEqual(userSnapshot);
    await api.listRequests();
    expect((await api.withdrawRequest("r2")).request.status).toBe("withdrawn");
    expect(fake.callWS.mock.calls.map(([m]) => m)).toEqual([
      { type: "pandora/requests/create", tmdb_id: 900001, media_type: "movie" },
      { type: "pandora/requests/create", tmdb_id: 960001, media_type: "tv", seasons: [1, 2] },
      { type: "pandora/requests/create", tmdb_id: 960001, media_type: "tv" },
      { type: "pandora/requests/deny", request_id: "r1" },
      { type: "pandora/requests/deny", request_id: "r1", reason: "No" },
      { type: "pandora/requests/list", status: ["pending", "failed"], limit: 20 },
      { type: "pandora/requests/list" },
      { type: "pandora/requests/withdraw", request_id: "r2" },
    ]);
  });
});
