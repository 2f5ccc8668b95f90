/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { safeHref } from "../../src/data/links";

describe("safeHref", () => {
  it.each([
    "https://play.max.com/movie/dune-part-two",
    "http://jellyfin.local:8096/web/#/details?id=1",
    "HTTPS://Example.org/",
    "/pandora/downloads",
  ])("keeps %s", (link) => {
    expect(safeHref(link)).toBe(link);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "java\nscript:alert(1)",
    "java\tscript:alert(1)",
    "\u0001javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "blob:https://example.org/1",
    "file:///etc/passwd",
    "",
    null,
    undefined,
  ])("drops %j", (link) => {
    expect(safeHref(link)).toBeUndefined();
  });

  it("is how every href in the panel and cards is bound", () => {
    const sources = import.meta.glob<string>("../../src/**/*.ts", { query: "?raw", import: "default", eager: true });
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const unguarded = Object.entries(sources).flatMap(([file, text]) =>
      [...text.matchAll(/href=\$\{(?!safeHref\(|ifDefined\(safeHref\()/g)].map((m) => `${file}@${m.index}`),
    );
    expect(unguarded).toEqual([]);
  });
});
