import { describe, expect, it } from "vitest";
import * as fixtures from "./fixture-files";

describe("fixture-files", () => {
  it("exports every fixture in fixtures/, by its file name", () => {
    const files = import.meta.glob("./fixtures/*.json");
    const names = Object.keys(files).map((path) => path.replace(/^\.\/fixtures\/(.*)\.json$/, "$1"));
    expect(Object.keys(fixtures).sort()).toEqual(names.sort());
  });
});
