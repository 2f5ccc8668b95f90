import { describe, expect, it } from "vitest";
import { REQUEST_FILTERS, isRequestFilter, matchesRequestFilter } from "../../src/data/requests";
import type { MediaRequest } from "../../src/data/types";
import { requests_snapshot as snapshot } from "../fixture-files";

// JSON imports type `status` as string: the shape is checked by the tests that render these.
const requests = snapshot.requests as unknown as MediaRequest[];

describe("request filters", () => {
  it("knows its filters", () => {
    expect(REQUEST_FILTERS.map(([id]) => id)).toEqual(["pending", "all", "mine"]);
    expect(isRequestFilter("mine")).toBe(true);
    expect(isRequestFilter("denied")).toBe(false);
    expect(isRequestFilter(undefined)).toBe(false);
  });

  it("keeps pending requests, all of them, or the user's own", () => {
    const pending = requests.filter((r) => matchesRequestFilter(r, "pending", "u1"));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.status === "pending")).toBe(true);
    expect(requests.filter((r) => matchesRequestFilter(r, "all", undefined))).toHaveLength(requests.length);
    const mine = requests.filter((r) => matchesRequestFilter(r, "mine", "u1"));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.requested_by === "u1" || r.watchers.includes("u1"))).toBe(true);
    expect(requests.filter((r) => matchesRequestFilter(r, "mine", undefined))).toHaveLength(0);
  });
});
