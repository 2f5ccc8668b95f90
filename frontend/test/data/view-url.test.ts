import { describe, expect, it } from "vitest";
import {
  folderFromSegments,
  folderSegments,
  parseView,
  sameView,
  tabFromPath,
  titleFromPath,
  viewPath,
  viewUrl,
  type View,
} from "../../src/data/view-url";

describe("the panel's URL ⇄ view mapping", () => {
  it("reads each tab and its place from the path", () => {
    expect(parseView("/discover")).toEqual({ tab: "discover" });
    expect(parseView("/discover/movie/693134")).toEqual({
      tab: "discover",
      title: { media_type: "movie", tmdb_id: 693134 },
    });
    expect(parseView("/discover/tv/1396")).toEqual({ tab: "discover", title: { media_type: "tv", tmdb_id: 1396 } });
    expect(parseView("/requests/01JREQ0000000000000000005")).toEqual({
      tab: "requests",
      request: "01JREQ0000000000000000005",
    });
    expect(parseView("/files/Downloaded")).toEqual({ tab: "files", folder: "/Downloaded" });
    expect(parseView("/downloads")).toEqual({ tab: "downloads" });
    expect(parseView("/library")).toEqual({ tab: "library" });
    expect(parseView("/containers/")).toEqual({ tab: "containers" });
  });

  it("falls back to the tab's root for paths it does not know, and to Discover for unknown tabs", () => {
    expect(parseView(undefined)).toEqual({ tab: "discover" });
    expect(parseView("")).toEqual({ tab: "discover" });
    expect(parseView("/")).toEqual({ tab: "discover" });
    expect(parseView("/nonsense/movie/1")).toEqual({ tab: "discover" });
    expect(parseView("/Discover")).toEqual({ tab: "discover" });
    for (const path of [
      "/discover/person/1",
      "/discover/movie/abc",
      "/discover/movie/0",
      "/discover/movie/-5",
      "/discover/movie/1.5",
      "/discover/movie/1e3",
      "/discover/movie/99999999999999999999",
      "/discover/movie",
      "/discover/movie/1/extra",
    ]) {
      expect(parseView(path), path).toEqual({ tab: "discover" });
    }
    expect(parseView("/requests/a/b")).toEqual({ tab: "requests" });
    expect(parseView("/requests/not%20an%20id")).toEqual({ tab: "requests" });
    expect(parseView(`/requests/${"x".repeat(65)}`)).toEqual({ tab: "requests" });
    expect(parseView("/downloads/extra")).toEqual({ tab: "downloads" });
    expect(parseView("/library/1/2")).toEqual({ tab: "library" });
    // Not a folder: bad percent-encoding, a slash inside a name, dot segments.
    expect(parseView("/files/%E0%A4%A")).toEqual({ tab: "files" });
    expect(parseView("/files/a%2Fb")).toEqual({ tab: "files" });
    expect(parseView("/files/Movies/%2E%2E")).toEqual({ tab: "files" });
    expect(parseView("/files/.")).toEqual({ tab: "files" });
  });

  it("reads each tab's filters from the query and leaves out other tabs'", () => {
    expect(parseView("/discover", "?q=dune%20part")).toEqual({ tab: "discover", q: "dune part" });
    expect(parseView("/discover/movie/1", "?q=dune&filter=all")).toEqual({
      tab: "discover",
      title: { media_type: "movie", tmdb_id: 1 },
      q: "dune",
    });
    expect(parseView("/requests", "?filter=mine&q=x")).toEqual({ tab: "requests", filter: "mine" });
    expect(parseView("/downloads", "?sort=name&filter=seeding")).toEqual({
      tab: "downloads",
      filter: "seeding",
      sort: "name",
    });
    expect(parseView("/files/Movies", "?share=01JSHARE")).toEqual({ tab: "files", folder: "/Movies", share: "01JSHARE" });
    expect(parseView("/library", "?filter=x")).toEqual({ tab: "library" });
    expect(parseView("/discover", "?q=")).toEqual({ tab: "discover" });
    expect(parseView("/discover", "q=no%20question%20mark")).toEqual({ tab: "discover", q: "no question mark" });
  });

  it("builds each view's path and query", () => {
    expect(viewPath({ tab: "discover" })).toBe("/discover");
    expect(viewPath({ tab: "discover", title: { media_type: "tv", tmdb_id: 1396 }, q: "breaking bad" })).toBe(
      "/discover/tv/1396?q=breaking+bad",
    );
    expect(viewPath({ tab: "requests", request: "01JREQ5", filter: "all" })).toBe("/requests/01JREQ5?filter=all");
    expect(viewPath({ tab: "downloads", sort: "name", filter: "seeding" })).toBe("/downloads?filter=seeding&sort=name");
    expect(viewPath({ tab: "files", folder: "/" })).toBe("/files");
    expect(viewPath({ tab: "files", folder: "/Movies/", share: "01JSHARE" })).toBe("/files/Movies?share=01JSHARE");
    // What belongs to another tab is left out.
    expect(viewPath({ tab: "library", folder: "/Movies", q: "x", title: { media_type: "movie", tmdb_id: 1 } })).toBe(
      "/library",
    );
    expect(viewPath({ tab: "discover", request: "01JREQ5", filter: "all" })).toBe("/discover");
    expect(viewUrl("/pandora", { tab: "files", folder: "/TV Shows" })).toBe("/pandora/files/TV%20Shows");
    expect(viewUrl("/pandora/", { tab: "library" })).toBe("/pandora/library");
  });

  it("encodes folder names with spaces, #, ?, % and other scripts, and reads them back", () => {
    const folders = [
      "/TV Shows/The Cisco Kid (1950) [tmdbid-960001]/Season 01",
      "/Downloads/#1 Hits? Yes!",
      "/Movies/100% Pure & Simple; a=b+c",
      "/Films/Amélie (2001)/日本語 タイトル/Ελληνικά 🎬",
      "/a%20b",
      "/caf\u0065\u0301 vs café",
    ];
    for (const folder of folders) {
      const path = viewPath({ tab: "files", folder });
      // Nothing that would end the path or change its meaning: no raw space, # or ?, only ASCII.
      expect(path, folder).toMatch(/^\/files(\/[A-Za-z0-9\-_.!~*'()%]+)+$/);
      expect(parseView(path), path).toEqual({ tab: "files", folder });
      // As the browser keeps it: a URL made of it has the same path.
      const url = new URL(`http://ha.local/pandora${path}?share=x`);
      expect(parseView(url.pathname.slice("/pandora".length), url.search)).toEqual({ tab: "files", folder, share: "x" });
    }
    expect(folderSegments("/TV Shows/#1")).toBe("/TV%20Shows/%231");
    expect(folderSegments("/")).toBe("");
    expect(folderSegments("//a//./b/")).toBe("/a/b");
    expect(folderFromSegments(["TV%20Shows", "%3F"])).toBe("/TV Shows/?");
    expect(folderFromSegments([])).toBe("/");
    expect(folderFromSegments(["%"])).toBeNull();
  });

  it("round-trips every valid view", () => {
    const views: View[] = [
      { tab: "discover" },
      { tab: "discover", q: "  spaced  out  " },
      { tab: "discover", title: { media_type: "movie", tmdb_id: 693134 }, q: "dune & co?" },
      { tab: "requests", request: "01JREQ0000000000000000005", filter: "pending" },
      { tab: "downloads", filter: "errored", sort: "progress" },
      { tab: "files", folder: "/Downloaded/x #y ?z", share: "01J SHARE/2" },
      { tab: "library" },
      { tab: "containers" },
    ];
    for (const view of views) {
      const [path, query] = viewPath(view).split("?");
      expect(parseView(path, query ? `?${query}` : "")).toEqual(view);
    }
  });

  it("compares views by what they show", () => {
    expect(sameView({ tab: "files", folder: "/Movies" }, { tab: "files", folder: "/Movies/" })).toBe(true);
    expect(sameView({ tab: "files" }, { tab: "files", folder: "/" })).toBe(true);
    expect(sameView({ tab: "files", folder: "/Movies" }, { tab: "files", folder: "/movies" })).toBe(false);
    expect(sameView({ tab: "discover", q: "a" }, { tab: "discover" })).toBe(false);
    expect(sameView({ tab: "library", q: "a" }, { tab: "library" })).toBe(true);
  });

  it("keeps the helpers older code uses", () => {
    expect(tabFromPath("/downloads/extra")).toBe("downloads");
    expect(tabFromPath("/nonsense")).toBe("discover");
    expect(titleFromPath("/discover/tv/1396")).toEqual({ media_type: "tv", tmdb_id: 1396 });
    expect(titleFromPath("/downloads/movie/1")).toBeNull();
  });
});
