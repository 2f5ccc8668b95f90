/**
 * `pandora-panel-play`: "Play on…" — the Home Assistant media players that can play (the
 * PLAY_MEDIA feature, not unavailable; read from `hass.states` when it opens), one button each,
 * which asks `pandora/play` to play the title there. When no player can, it says so and offers
 * "Play in Jellyfin" instead.
 *
 * Inline (in the details sheet) it is just the list; `standalone` (its own small sheet, for a
 * Jellyfin item without a TMDB id, or from the banner) adds the title and "Play in Jellyfin".
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { errorMessage, type PandoraApi } from "../../data/api";
import { define } from "../../components/define";
import { safeHref } from "../../data/links";
import { icon, mdiCastVariant } from "../../components/icons";
import { shared } from "../../styles/shared";
import type { PlayTarget } from "../../data/types";
import { jellyfinLink } from "../../components/watching-cards";
import { playablePlayers, type Player } from "../../data/watching";

function stateLabel(state: string): string {
  return state ? state[0]!.toUpperCase() + state.slice(1).replace(/_/g, " ") : "";
}

export class PandoraPlay extends LitElement {
  static override get properties() {
    return {
      api: { attribute: false },
      target: { attribute: false },
      name: { type: String },
      detail: { type: String },
      webUrl: { attribute: false },
      standalone: { type: Boolean },
      _players: { state: true },
      _playing: { state: true },
      _result: { state: true },
      _error: { state: true },
    };
  }

  declare api: PandoraApi;
  declare target: PlayTarget;
  /** What plays ("Dune: Part Two", "Severance · S1E2"). */
  declare name: string;
  /** A second line under the name in a standalone sheet (an episode's name, say). */
  declare detail: string;
  /** The title in Jellyfin's web app, or null. */
  declare webUrl: string | null;
  declare standalone: boolean;
  declare _players: Player[];
  /** The player being asked to play. */
  declare _playing: Player | null;
  declare _result: { player: string; title: string } | null;
  declare _error: { player: string; error: unknown } | null;

  constructor() {
    super();
    this.name = "";
    this.detail = "";
    this.webUrl = null;
    this.standalone = false;
    this._players = [];
    this._playing = null;
    this._result = null;
    this._error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("api") || changed.has("target")) {
      this._players = playablePlayers(this.api?.hass);
      this._result = null;
      this._error = null;
    }
  }

  private async play(player: Player): Promise<void> {
    if (this._playing) return;
    const target = this.target;
    this._playing = player;
    this._result = null;
    this._error = null;
    try {
      const result = await this.api.play({ entity_id: player.entity_id, ...target });
      if (this.target !== target) return;
      this._result = { player: player.name, title: result.title || this.name };
    } catch (error) {
      if (this.target === target) this._error = { player: player.name, error };
    } finally {
      if (this.target === target) this._playing = null;
    }
  }

  /** "Play in Jellyfin", when its link is http(s). */
  private get jellyfinUrl(): string | undefined {
    return safeHref(this.webUrl);
  }

  protected override render() {
    const players = this._players;
    return html`
      ${this.standalone
        ? html`<div class="head">
            <h2>${this.name}</h2>
            ${this.detail ? html`<p class="muted">${this.detail}</p>` : nothing}
            ${this.jellyfinUrl ? html`<div class="open">${jellyfinLink(this.jellyfinUrl)}</div>` : nothing}
          </div>`
        : nothing}
      <section class="play-on" aria-labelledby="play-on">
        <h3 id="play-on">Play on…</h3>
        ${players.length ? this.renderPlayers(players) : this.renderNone()}
        ${this._result
          ? html`<p class="play-result" role="status">
              Playing ${this._result.title} on ${this._result.player}.
            </p>`
          : nothing}
        ${this._error
          ? html`<p class="play-error" role="alert">
              Could not play it on ${this._error.player}: ${errorMessage(this._error.error)}
            </p>`
          : nothing}
      </section>
    `;
  }

  private renderPlayers(players: Player[]): TemplateResult {
    return html`<ul class="players">
      ${players.map(
        (player) => html`<li>
          <button
            class="player"
            data-entity=${player.entity_id}
            aria-label="Play on ${player.name}"
            ?disabled=${Boolean(this._playing)}
            @click=${() => void this.play(player)}
          >
            ${icon(mdiCastVariant)}
            <span class="player-name">${player.name}</span>
            <span class="player-state"
              >${this._playing === player ? "Starting…" : stateLabel(player.state)}</span
            >
          </button>
        </li>`,
      )}
    </ul>`;
  }

  private renderNone(): TemplateResult {
    return html`<div class="no-players" role="status">
      <p><strong>No media player can play this.</strong></p>
      <p class="muted">
        None of your Home Assistant media players can play media right now (they do not support
        it, or they are unavailable).
      </p>
      ${this.jellyfinUrl && !this.standalone
        ? html`<p>Play it in Jellyfin instead:</p>
            <div>${jellyfinLink(this.jellyfinUrl)}</div>`
        : this.jellyfinUrl
          ? html`<p>Play it in Jellyfin instead.</p>`
          : nothing}
    </div>`;
  }

  static override styles = [
    ...shared,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 20px 64px 12px 20px;
      }
      .head h2 {
        font-size: 1.25rem;
        font-weight: 600;
        line-height: 1.25;
        overflow-wrap: anywhere;
      }
      .open {
        margin-top: 8px;
      }
      :host([standalone]) .play-on {
        padding: 4px 20px 24px;
      }
      h3 {
        font-size: 1rem;
        font-weight: 600;
        margin: 0 0 8px;
      }
      .muted {
        color: var(--_text-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .players {
        display: flex;
        flex-direction: column;
        border: 1px solid var(--_divider);
        border-radius: var(--_radius);
        overflow: hidden;
      }
      .players li + li {
        border-top: 1px solid var(--_divider);
      }
      .player {
        display: flex;
        align-items: center;
        gap: 12px;
        width: 100%;
        min-height: 52px;
        padding: 6px 16px;
        border: none;
        background: var(--_surface);
        color: var(--_text);
        text-align: left;
        cursor: pointer;
      }
      .player:hover {
        background: var(--_tint);
      }
      .player[disabled] {
        cursor: default;
      }
      .player:focus-visible {
        outline-offset: -2px;
      }
      .player .icon {
        color: var(--_text-2);
      }
      .player-name {
        flex: 1;
        min-width: 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .player-state {
        color: var(--_text-2);
        font-size: 0.85rem;
        white-space: nowrap;
      }
      .no-players {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 12px 14px;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        border-left: 4px solid var(--_warning);
        background: var(--_surface-alt);
        line-height: 1.45;
      }
      .play-result,
      .play-error {
        margin-top: 10px;
        padding: 8px 12px;
        border-radius: 6px;
        background: var(--_surface-alt);
        border-left: 3px solid var(--_success);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .play-error {
        border-left-color: var(--_error);
      }
    `,
  ];
}

define("pandora-panel-play", PandoraPlay);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-play": PandoraPlay;
  }
}
