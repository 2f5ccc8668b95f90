/**
 * `pandora-files-card`: one folder of a Cloud Commander share (`pandora/files/list`); folders
 * open in the card, and an "up" button goes back towards the configured folder. The share's
 * download folders (from `pandora/info`) are highlighted and listed first, as in the panel.
 *
 *   type: custom:pandora-files-card
 *   title: Ready to file      # optional, the folder's name by default
 *   path: /Downloaded         # optional, the share's Downloaded folder by default
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
  otherKeys,
  registerCard,
  type BaseCardConfig,
  type GridOptions,
} from "./card-base";
import { configForm, textSelector, type ConfigForm } from "./card-form";
import { define } from "../components/define";
import { fileRow, fileRowStyles, fileSkeleton } from "../components/file-row";
import { DEFAULT_FOLDERS, normalizePath, parentPath, pinnedFolders, shareFolders, sortEntries } from "../data/files";
import { icon, mdiFolderOutline, mdiRefresh, mdiArrowUp } from "../components/icons";
import { emptyState, errorState } from "../components/states";
import { shared } from "../styles/shared";
import type { FileEntry, ServiceInstance, ShareFolders } from "../data/types";
import { viewPath } from "../data/view-url";

export const FILES_CARD = "pandora-files-card";
/** The Downloaded folder of a share whose folders are not known (`DEFAULT_FOLDERS`). */
export const DEFAULT_PATH = DEFAULT_FOLDERS.downloaded;

export interface FilesCardConfig extends BaseCardConfig {
  /** The folder the card shows; left out, the share's Downloaded folder. */
  path?: string;
  instance?: string;
}

/** The share a card shows: named by id or title, or the first (the only one) when not named. */
export function cardShare(shares: readonly ServiceInstance[], instance?: string): ServiceInstance | undefined {
  if (instance === undefined) return shares[0];
  return shares.find((s) => s.id === instance) ?? shares.find((s) => s.title === instance);
}

export function checkFilesConfig(config: unknown): FilesCardConfig {
  const raw = configObject(FILES_CARD, config);
  const title = optionalString(FILES_CARD, raw, "title");
  const rawPath = optionalString(FILES_CARD, raw, "path");
  if (rawPath !== undefined && rawPath.split(/[/\\]/).some((part) => part.trim() === "..")) {
    throw new ConfigError(FILES_CARD, "path must stay inside the share (no “..”).");
  }
  const instance = optionalString(FILES_CARD, raw, "instance");
  return {
    ...otherKeys(raw, "title", "path", "instance"),
    type: String(raw.type ?? `custom:${FILES_CARD}`),
    ...(title !== undefined ? { title } : {}),
    ...(rawPath?.trim() ? { path: normalizePath(rawPath.trim()) } : {}),
    ...(instance !== undefined ? { instance: instance.trim() } : {}),
  };
}

type Load =
  | { status: "loading"; path: string }
  | { status: "ready"; path: string; files: FileEntry[] }
  | { status: "error"; path: string; error: unknown };

export class PandoraFilesCard extends PandoraCardBase<FilesCardConfig> {
  static override get properties() {
    return {
      _load: { state: true },
      _folders: { state: true },
    };
  }

  declare _load: Load;
  /** The share's folders; null until `pandora/info` answered (the defaults if it fails). */
  declare _folders: ShareFolders | null;
  private requestId = 0;
  private infoId = 0;
  /** The card's share for the panel's URL, when it is not the first (the panel's default). */
  private panelShare: string | undefined;

  constructor() {
    super();
    this._load = { status: "loading", path: DEFAULT_PATH };
    this._folders = null;
  }

  /** The folder the card shows: the configured one, or the share's Downloaded folder. */
  get root(): string {
    return this._config?.path ?? this._folders?.downloaded ?? DEFAULT_PATH;
  }

  static getStubConfig(): Record<string, unknown> {
    return { path: DEFAULT_PATH };
  }

  static getConfigForm(): ConfigForm {
    return configForm([
      {
        name: "title",
        label: "Title",
        helper: "Shown at the top of the card. Empty: the folder's name.",
        selector: textSelector(),
      },
      {
        name: "path",
        label: "Folder",
        helper: "A folder of the share, from its root, such as /Downloaded or /Movies. Empty: the share's Downloaded folder.",
        selector: textSelector(),
      },
      {
        name: "instance",
        label: "Cloud Commander share",
        helper: "Only with several shares: the share's name as Pandora lists it, or its id. Empty: the first share.",
        selector: textSelector(),
      },
    ]);
  }

  protected checkConfig(config: unknown): FilesCardConfig {
    return checkFilesConfig(config);
  }

  protected override connected(): void {
    if (this._config) this.start();
  }

  protected override configured(previous: FilesCardConfig | undefined): void {
    if (!this.api.hass) return; // connected() starts
    const config = this._config!;
    if (!previous || previous.instance !== config.instance) this.start();
    else if (previous.path !== config.path) void this.open(this.root);
  }

  /** Learn the share's folders; list the configured folder meanwhile, or else wait for them. */
  private start(): void {
    this._folders = null;
    const folders = this.loadFolders();
    if (this._config?.path) void this.open(this._config.path);
    else
      void folders.then(async (current) => {
        if (current) await this.open(this.root);
      });
  }

  /** False when a newer request replaced this one. */
  private async loadFolders(): Promise<boolean> {
    const id = ++this.infoId;
    let folders: ShareFolders;
    try {
      const info = await this.api.info();
      const shares = info.services.cloudcmd ?? [];
      const share = cardShare(shares, this._config?.instance);
      if (id === this.infoId) this.panelShare = share && share !== shares[0] ? share.id : undefined;
      folders = shareFolders(share);
    } catch {
      folders = { ...DEFAULT_FOLDERS }; // an older or unreachable backend: list with the defaults
    }
    if (id !== this.infoId) return false;
    this._folders = folders;
    if (this._load.status === "ready") {
      this._load = { ...this._load, files: sortEntries(this._load.files, pinnedFolders(folders)) };
    }
    return true;
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
      if (id !== this.requestId) return;
      const pinned = pinnedFolders(this._folders ?? DEFAULT_FOLDERS);
      this._load = { status: "ready", path: target, files: sortEntries(listing.files, pinned) };
    } catch (error) {
      if (id === this.requestId) this._load = { status: "error", path: target, error };
    }
  }

  protected override render() {
    const config = this._config;
    if (!config) return nothing;
    const path = this._load.path;
    const root = this.root;
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
    // The panel opens on the folder shown here.
    const link = viewPath({ tab: "files", folder: path, share: this.panelShare }).slice(1);
    return this.frame(title, this.renderBody(), { link, linkLabel: "Open Files in Pandora", tools });
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
    const pinned = pinnedFolders(this._folders ?? DEFAULT_FOLDERS);
    return html`<ul class="files" aria-label="Files in ${load.path}">
      ${repeat(
        load.files,
        (entry) => entry.path,
        (entry) => fileRow(entry, { language, pinned, onOpen: (e) => void this.open(e.path) }),
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

define(FILES_CARD, PandoraFilesCard);
registerCard({
  type: FILES_CARD,
  name: "Pandora files",
  description: "A folder of your Cloud Commander share, such as the finished downloads.",
});

declare global {
  interface HTMLElementTagNameMap {
    "pandora-files-card": PandoraFilesCard;
  }
}
