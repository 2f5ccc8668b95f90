/** One release in the torrent search (pandora-panel-releases). */
import { html, nothing, type TemplateResult } from "lit";
import { errorMessage } from "../../data/api";
import { formatBytes, formatRelative } from "../../data/format";
import { icon, mdiArrowDown, mdiArrowUp, mdiCheck, mdiDownload } from "../../components/icons";
import { qualityChips } from "../../data/releases";
import { navigate } from "../../components/states";
import type { RankedRelease } from "../../data/types";

export type AddState = { state: "adding" } | { state: "added"; instance: string } | { state: "error"; error: unknown };

export interface ReleaseRowContext {
  /** The element navigation events come from. */
  host: HTMLElement;
  language: string;
  /** Where adding it stands (undefined: not tried). */
  add: AddState | undefined;
  /** A qBittorrent can take it (or info is not known yet). */
  canAdd: boolean;
  onAdd: (release: RankedRelease) => void;
}

/** One release: rank, title, indexer, quality chips, figures, the ranking's reasons and Add. */
export function releaseRow(release: RankedRelease, index: number, ctx: ReleaseRowContext): TemplateResult {
  const add = ctx.add;
  const language = ctx.language;
  const titleId = `release-${index}`;
  return html`<li class="release ${release.accepted ? "" : "rejected"}" aria-labelledby=${titleId}>
    <div class="release-head">
      <span class="rank" aria-hidden="true">${index + 1}</span>
      <div class="release-title">
        <h3 id=${titleId}>${release.title}</h3>
        <p class="muted">
          ${release.indexer ?? "Unknown indexer"}${release.published
            ? html` · ${formatRelative(release.published, language)}`
            : nothing}
        </p>
      </div>
    </div>
    <ul class="chips" aria-label="Quality">
      ${release.accepted ? nothing : html`<li class="chip rejected-chip">Rejected</li>`}
      ${qualityChips(release).map((chip) => html`<li class="chip">${chip}</li>`)}
      ${release.freeleech ? html`<li class="chip">Freeleech</li>` : nothing}
    </ul>
    <dl class="stats">
      <div><dt>Size</dt><dd>${formatBytes(release.size, language)}</dd></div>
      <div>
        <dt>Seeders</dt>
        <dd>${icon(mdiArrowUp)}${release.seeders ?? "?"}</dd>
      </div>
      <div>
        <dt>Leechers</dt>
        <dd>${icon(mdiArrowDown)}${release.leechers ?? "?"}</dd>
      </div>
      <div><dt>Score</dt><dd>${release.score}</dd></div>
    </dl>
    ${release.reasons.length
      ? html`<ul class="reasons" aria-label=${release.accepted ? "Why" : "Why rejected"}>
          ${release.reasons.map((reason) => html`<li>${reason}</li>`)}
        </ul>`
      : nothing}
    <div class="release-actions">
      ${add?.state === "error"
        ? html`<p class="add-error" role="alert">${errorMessage(add.error)}</p>`
        : nothing}
      ${add?.state === "added"
        ? html`<span class="added" role="status">${icon(mdiCheck)} Added to ${add.instance}</span>
            <button class="btn text" @click=${() => navigate(ctx.host, { tab: "downloads" })}>
              View downloads
            </button>`
        : html`<button
            class="btn primary add"
            ?disabled=${add?.state === "adding" || !ctx.canAdd}
            aria-describedby=${titleId}
            @click=${() => ctx.onAdd(release)}
          >
            ${icon(mdiDownload)} ${add?.state === "adding" ? "Adding…" : "Add"}
          </button>`}
    </div>
  </li>`;
}
