import { describe, expect, it } from "vitest";
import { entryAsItem, entryTarget, kindLabel } from "../../src/data/watching";
import type { JellyfinEntry } from "../../src/data/types";

const episode: JellyfinEntry = {
  item_id: "ep1",
  instance: "jf",
  server: "Jellyfin",
  name: "Half Loop",
  type: "Episode",
  series_name: "Severance",
  season: 1,
  episode: 2,
  year: 2022,
  overview: "An episode.",
  progress: 10,
  position_seconds: 300,
  runtime_seconds: 3000,
  image_url: "/poster",
  backdrop_url: "/still",
  tmdb_id: 95396,
  media_type: "tv",
  web_url: null,
};

describe("watching data", () => {
  it("names Jellyfin types for people", () => {
    expect(["Movie", "Series", "Episode", "Video"].map(kindLabel)).toEqual(["Movie", "TV series", "Episode", "Video"]);
  });

  it("plays an entry by its item and server", () => {
    expect(entryTarget(episode)).toEqual({ item_id: "ep1", instance: "jf" });
  });

  it("opens the series of an episode, and a movie as itself", () => {
    expect(entryAsItem(episode)).toMatchObject({
      tmdb_id: 95396,
      media_type: "tv",
      title: "Severance",
      year: null,
      overview: null,
      poster_url: "/poster",
      in_library: true,
    });
    const movie = { ...episode, type: "Movie", series_name: null, name: "Dune", media_type: "movie" as const };
    expect(entryAsItem(movie)).toMatchObject({ title: "Dune", year: 2022, overview: "An episode." });
    expect(entryAsItem({ ...episode, series_name: null })?.title).toBe("Half Loop");
    expect(entryAsItem({ ...episode, tmdb_id: null })).toBeNull();
    expect(entryAsItem({ ...episode, media_type: null })).toBeNull();
  });
});
