/**
 * `pandora-files-card`: one folder of a Cloud Commander share (`pandora/files/list`); folders
 * open in the card, and an "up" button goes back towards the configured folder.
 *
 *   type: custom:pandora-files-card
 *   title: Ready to file      # optional, the folder's name by default
 *   path: /Downloaded         # default /Downloaded
 *   instance: <share id or title>   # only needed with several Cloud Commander shares
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import {
  ConfigError,
  PandoraCardBase,
  cardStyles,
  configObject,
  optionalString,
  registerCard,
  type BaseCardConfig,
  type GridOptions,
} from "./card-base";
import { PandoraCardEditor, type EditorField } from "./card-editor";
import { define } from "./define";
import { fileRow, fileRowStyles, fileSkeleton, normalizePath, parentPath, sortEntries } from "./file-row";
import { icon, mdiFolderOutline, mdiRefresh, mdiArrowUp } from "./icons";
import { emptyState, errorState } from "./states";
import { shared } from "./styles";
import type { FileEntry, ServiceInstance } from "./types";

export const FILES_CARD = "pandora-files-card";
export const DEFAULT_PATH = "/Downloaded";

export interface FilesCardConfig extends BaseCardConfig {
  path: string;
  instance?: string;
}

export function checkFilesConfig(config: unknown): FilesCardConfig {
  const raw = configObject(FILES_CARD, config);
  const title = optionalString(FILES_CARD, raw, "title");
  const rawPath = optionalString(FILES_CARD, raw, "path");
  if (rawPath !== undefined && rawPath.split(/[/\\]/).some((part) => part.trim() === "..")) {
    throw new ConfigError(FILES_CARD, "path must stay inside the share (no “..”).");
  }
  const instance = optionalString(FILES_CARD, raw, "instance");
  if (instance !== undefined && !instance.trim()) {
    throw new ConfigError(FILES_CARD, "instance must name a Cloud Commander share (leave it out with only one).");
  }
  return {
    ...(raw as object),
    type: String(raw.type ?? `custom:${FILES_CARD}`),
    ...(title !== undefined ? { title } : {}),
    path: normalizePath(rawPath?.trim() || DEFAULT_PATH),
    ...(instance !== undefined ? { instance: instance.trim() } : {}),
  };
}

type Load =
  | { status: "loading"; path: string }
  | { status: "ready"; path: string; files: FileEntry[] }
  | { status: "error"; path: string; error: unknown };

export class PandoraFilesCard extends PandoraCardBase<FilesCardConfig> {
  static override properties = {
    _load: { state: true },
  };

  declare _load: Load;
  private requestId = 0;

  constructor() {
    super();
    this._load = { status: "loading", path: DEFAULT_PATH };
  }

  static getStubConfig(): Record<string, unknown> {
    return { path: DEFAULT_PATH };
  }

  static getConfigElement(): HTMLElement {
    return document.createElement(`${FILES_CARD}-editor`);
  }

  protected checkConfig(config: unknown): FilesCardConfig {
    return checkFilesConfig(config);
  }

  protected override connected(): void {
    if (this._config) void this.open(this._config.path);
  }

  protected override configured(previous: FilesCardConfig | undefined): void {
    const config = this._config!;
    if (previous?.path !== config.path || previous?.instance !== config.instance) void this.open(config.path);
  }

  getCardSize(): number {
    return 6;
  }

  getGridOptions(): GridOptions {
    return { columns: 12, rows: "auto", min_columns: 6, min_rows: 3 };
  }

  async open(path: string): Promise<void> {
    if (!this.api.hass || !this._config) return;
    const target = normalizePath(path);
    const id = ++this.requestId;
    this._load = { status: "loading", path: target };
    try {
      const listing = await this.api.listFiles(target, this._config.instance);
      if (id === this.requestId) this._load = { status: "ready", path: target, files: sortEntries(listing.files) };
    } catch (error) {
      if (id === this.requestId) this._load = { status: "error", path: target, error };
    }
  }

  protected override render() {
    const config = this._config;
    if (!config) return nothing;
    const path = this._load.path;
    const root = config.path;
    const name = path.split("/").filter(Boolean).pop() ?? "Files";
    const title = path === root ? (config.title ?? name) : name;
    const tools = html`${path !== root && path.startsWith(root === "/" ? "/" : `${root}/`)
        ? html`<button class="icon-btn" aria-label="Up to ${parentPath(path)}" title="Up" @click=${() => void this.open(parentPath(path))}>
            ${icon(mdiArrowUp)}
          </button>`
        : nothing}
      <button
        class="icon-btn"
        aria-label="Refresh"
        title="Refresh"
        ?disabled=${this._load.status === "loading"}
        @click=${() => void this.open(path)}
      >
        ${icon(mdiRefresh)}
      </button>`;
    return this.frame(title, this.renderBody(), { link: "files", linkLabel: "Open Files in Pandora", tools });
  }

  private renderBody(): TemplateResult {
    const load = this._load;
    if (load.status === "loading") {
      return html`<ul class="files" aria-busy="true" aria-label="Loading ${load.path}">${[0, 1, 2].map(fileSkeleton)}</ul>`;
    }
    if (load.status === "error") {
      return errorState(`Could not open ${load.path}`, load.error, () => void this.open(load.path));
    }
    if (!load.files.length) {
      return emptyState(mdiFolderOutline, "This folder is empty", `Nothing is in ${load.path} right now.`);
    }
    const language = this.api.language;
    return html`<ul class="files" aria-label="Files in ${load.path}">
      ${repeat(
        load.files,
        (entry) => entry.path,
        (entry) => fileRow(entry, { language, onOpen: (e) => void this.open(e.path) }),
      )}
    </ul>`;
  }

  static override styles = [
    ...shared,
    cardStyles,
    fileRowStyles,
    css`
      .card-body {
        padding: 0 4px 8px;
      }
      .file {
        padding: 4px 12px;
      }
      .state {
        padding: 16px;
      }
    `,
  ];
}

export class PandoraFilesCardEditor extends PandoraCardEditor {
  static override properties = {
    _shares: { state: true },
  };

  declare _shares: ServiceInstance[] | null;

  constructor() {
    super();
    this._shares = null;
  }

  protected override connected(): void {
    this.api.info().then(
      (info) => (this._shares = info.services.cloudcmd ?? []),
      () => (this._shares = []),
    );
  }

  protected get fields(): EditorField[] {
    const shares: [string, string][] = (this._shares ?? []).map((s) => [s.id, s.title]);
    const current = this._config.instance;
    if (typeof current === "string" && current && !shares.some(([id, title]) => id === current || title === current)) {
      shares.push([current, current]);
    }
    return [
      { name: "title", label: "Title", type: "text", placeholder: "The folder's name", live: true },
      {
        name: "path",
        label: "Folder",
        type: "text",
        placeholder: DEFAULT_PATH,
        helper: "A folder of the share, from its root: /Downloaded, /Downloads, /Movies…",
      },
      {
        name: "instance",
        label: "Cloud Commander share",
        type: "select",
        options: shares,
        empty: "The only share",
        helper: "Needed only when Pandora has several Cloud Commander shares.",
      },
    ];
  }
}

define(FILES_CARD, PandoraFilesCard);
define(`${FILES_CARD}-editor`, PandoraFilesCardEditor);
registerCard({
  type: FILES_CARD,
  name: "Pandora files",
  description: "A folder of your Cloud Commander share, such as the finished downloads.",
});

declare global {
  interface HTMLElementTagNameMap {
    "pandora-files-card": PandoraFilesCard;
    "pandora-files-card-editor": PandoraFilesCardEditor;
  }
}
