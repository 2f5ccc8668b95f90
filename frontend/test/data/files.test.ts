import { describe, expect, it } from "vitest";
import {
  DEFAULT_FOLDERS,
  DESTINATIONS,
  PINNED_FOLDERS,
  breadcrumbs,
  deleteMessage,
  deleteQuestion,
  destinations,
  emptyFolderText,
  fileIcon,
  folderLabel,
  folderNameFrom,
  folderNameProblem,
  moveMessage,
  normalizePath,
  parentPath,
  pinnedFolder,
  pinnedFolders,
  shareFolders,
  sortEntries,
} from "../../src/data/files";
import { mdiFileOutline, mdiFileVideoOutline, mdiFolderCheckOutline, mdiFolderDownloadOutline, mdiFolderOutline } from "../../src/components/icons";
import type { FileEntry } from "../../src/data/types";
import { files_root as root } from "../fixture-files";

const FOLDERS = { downloads: "/media/incoming", downloaded: "/Ready", movies: "/Films", tv: "/Library/Series" };

const dir = (path: string): FileEntry => ({
  name: path.split("/").pop()!,
  type: "directory",
  size: null,
  modified: null,
  path,
});
const file = (path: string): FileEntry => ({ ...dir(path), type: "file", size: 10 });

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

  it("reads a share's folders from info, with the defaults for what is missing", () => {
    expect(shareFolders(undefined)).toEqual(DEFAULT_FOLDERS);
    expect(shareFolders({})).toEqual(DEFAULT_FOLDERS);
    expect(shareFolders({ folders: { movies: "Films/", tv: " ", downloads: "/media//incoming" } })).toEqual({
      downloads: "/media/incoming",
      downloaded: "/Downloaded",
      movies: "/Films",
      tv: "/TV Shows",
    });
    expect(folderLabel("/Library/Series", "TV")).toBe("Series");
    expect(folderLabel("/", "Downloads")).toBe("Downloads");
  });

  it("pins, sorts and draws the download folders given", () => {
    expect(PINNED_FOLDERS.map((p) => [p.path, p.label])).toEqual([
      ["/Downloads", "Downloads"],
      ["/Downloaded", "Downloaded"],
    ]);
    const pinned = pinnedFolders(shareFolders({ folders: FOLDERS }));
    expect(pinned.map((p) => [p.path, p.label, p.icon])).toEqual([
      ["/media/incoming", "incoming", mdiFolderDownloadOutline],
      ["/Ready", "Ready", mdiFolderCheckOutline],
    ]);
    expect(pinnedFolder("/ready/", pinned)?.label).toBe("Ready");
    expect(pinnedFolder("/Downloaded", pinned)).toBeUndefined();
    expect(pinnedFolder("/Downloaded")?.label).toBe("Downloaded");
    // One folder for both: pinned once.
    expect(pinnedFolders({ ...DEFAULT_FOLDERS, downloads: "/Torrents", downloaded: "/torrents" })).toHaveLength(1);
    const entries = ["/Downloaded", "/Ready", "/b.txt", "/Alpha"].map((p) => (p.endsWith(".txt") ? file(p) : dir(p)));
    expect(sortEntries(entries, pinned).map((e) => e.name)).toEqual(["Ready", "Alpha", "Downloaded", "b.txt"]);
    expect(sortEntries(entries).map((e) => e.name)).toEqual(["Downloaded", "Alpha", "Ready", "b.txt"]);
    // A file named like a pinned folder is still a file.
    expect(sortEntries([dir("/A"), file("/Ready")], pinned).map((e) => e.type)).toEqual(["directory", "file"]);
    expect(fileIcon(dir("/Ready"), pinned)).toBe(mdiFolderCheckOutline);
    expect(fileIcon(dir("/Ready"))).toBe(mdiFolderOutline);
  });

  it("moves into the share's library folders", () => {
    expect(DESTINATIONS.movies).toMatchObject({ label: "Movies", folder: "/Movies" });
    expect(DESTINATIONS.tv).toMatchObject({ label: "TV Shows", folder: "/TV Shows" });
    const custom = destinations(shareFolders({ folders: FOLDERS }));
    expect(custom.movies).toMatchObject({ label: "Films", folder: "/Films" });
    expect(custom.tv).toMatchObject({ label: "Series", folder: "/Library/Series" });
  });

  it("words empty folders", () => {
    expect(emptyFolderText("/Downloads")).toBe("Torrents being downloaded appear here.");
    expect(emptyFolderText("/downloaded/")).toBe(
      "Finished downloads land here, ready to move into Movies or TV Shows.",
    );
    expect(emptyFolderText("/Movies")).toBe("Nothing is in this folder yet.");
    expect(emptyFolderText("/Downloaded/Extras")).toBe("Nothing is in this folder yet.");
    const one = { ...DEFAULT_FOLDERS, downloads: "/Torrents", downloaded: "/Torrents" };
    expect(emptyFolderText("/Torrents", one)).toBe(
      "Torrents appear here while they download and stay once finished, ready to move into Movies or TV Shows.",
    );
  });

  it("words deletions", () => {
    expect(deleteQuestion(1)).toBe("Delete 1 item?");
    expect(deleteQuestion(4)).toBe("Delete 4 items?");
    expect(deleteMessage([file("/Downloaded/a.mkv")])).toBe("Deleted a.mkv.");
    expect(deleteMessage([file("/a"), dir("/b")])).toBe("Deleted 2 items.");
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

describe("file helpers, the rest", () => {
  it("refuses control characters and names the icons of files", () => {
    expect(folderNameProblem("a\u0001b")).toBe("A folder name cannot contain control characters.");
    expect(folderNameProblem("a\\b")).toBe("A folder name cannot contain / or \\.");
    expect(folderNameProblem(".")).toBe("Choose another folder name.");
    expect(folderNameFrom("..", false)).toBe("");
    expect(fileIcon(file("/a/b.MKV"))).toBe(mdiFileVideoOutline);
    expect(fileIcon(file("/a/b.txt"))).toBe(mdiFileOutline);
    expect(fileIcon(dir("/Downloads"))).toBe(mdiFolderDownloadOutline);
  });

  it("words single moves and scans", () => {
    expect(moveMessage({ moved: ["/Downloaded/a.mkv"], destination: "/Movies", server: "x", scanned: ["Jellyfin"] })).toBe(
      "Moved a.mkv to /Movies; scanning Jellyfin.",
    );
    expect(breadcrumbs("/", "Share")).toEqual([{ name: "Share", path: "/" }]);
  });
});
