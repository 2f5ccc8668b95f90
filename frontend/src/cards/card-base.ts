/**
 * What Pandora's dashboard cards share: the `hass` hand-over (kept out of Lit's reactive
 * properties, as in the panel), config checks that throw readable errors, the card frame
 * (`ha-card` when Home Assistant defined it, else an equivalent styled box) and registration in
 * the card picker (`window.customCards`, once even when the module loads twice).
 */
import { LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { PandoraApi } from "../data/api";
import { icon, mdiOpenInNew } from "../components/icons";
import { safeHref } from "../data/links";
import { PANEL_PATH, navigateTo } from "../app/navigation";
import type { Hass } from "../data/types";

export const DOCUMENTATION_URL = "https://github.com/pandora-media/pandora";

export interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

/** List a card in Home Assistant's card picker (once). */
export function registerCard(card: { type: string; name: string; description: string }): void {
  const cards = (window.customCards ??= []);
  if (cards.some((c) => c.type === card.type)) return;
  cards.push({ ...card, preview: true, documentationURL: DOCUMENTATION_URL });
}

/** What Home Assistant's sections view reads from `getGridOptions()`. */
export interface GridOptions {
  columns?: number | "full";
  rows?: number | "auto";
  min_columns?: number;
  max_columns?: number;
  min_rows?: number;
  max_rows?: number;
}

export interface BaseCardConfig {
  type: string;
  title?: string;
}

// --- config checks ---------------------------------------------------------------------------

export class ConfigError extends Error {
  constructor(card: string, message: string) {
    super(`${card}: ${message}`);
    this.name = "ConfigError";
  }
}

/** The config as an object with a `type`; anything else is refused. */
export function configObject(card: string, config: unknown): Record<string, unknown> {
  if (!config || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(card, "the configuration must be a mapping (key: value).");
  }
  return config as Record<string, unknown>;
}

/**
 * A text option; blank counts as not set, since Home Assistant's form editor leaves an emptied
 * field as "" (or removes it).
 */
export function optionalString(card: string, config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ConfigError(card, `${key} must be text.`);
  return value.trim() ? value : undefined;
}

/** The config without `keys`: what the card does not read (grid_options, visibility…) is kept. */
export function otherKeys(config: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const rest = { ...config };
  for (const key of keys) delete rest[key];
  return rest;
}

export function optionalChoice<T extends string>(
  card: string,
  config: Record<string, unknown>,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || !choices.includes(value as T)) {
    throw new ConfigError(card, `${key} must be one of ${choices.join(", ")}.`);
  }
  return value as T;
}

export function optionalCount(
  card: string,
  config: Record<string, unknown>,
  key: string,
  range: { min: number; max: number; fallback: number },
): number {
  const value = config[key];
  if (value === undefined || value === null) return range.fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(card, `${key} must be a whole number from ${range.min} to ${range.max}.`);
  }
  return value;
}

// --- the card element ------------------------------------------------------------------------

export abstract class PandoraCardBase<C extends BaseCardConfig> extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      _config: { state: true },
    };
  }

  declare _config: C | undefined;
  protected readonly api = new PandoraApi();

  constructor() {
    super();
    // A `hass` set before this element was upgraded would shadow the accessor: re-apply it.
    if (Object.prototype.hasOwnProperty.call(this, "hass")) {
      const early = (this as { hass?: Hass }).hass;
      delete (this as { hass?: Hass }).hass;
      this.hass = early;
    }
  }

  /** Home Assistant sets a new `hass` on every state change: only the first one re-renders. */
  set hass(hass: Hass | undefined) {
    const first = !this.api.hass && hass;
    this.api.hass = hass;
    if (first) this.connected();
  }

  get hass(): Hass | undefined {
    return this.api.hass;
  }

  /** Check the config (throw on a bad one: Home Assistant shows the message) and apply it. */
  setConfig(config: unknown): void {
    const checked = this.checkConfig(config);
    const previous = this._config;
    this._config = checked;
    this.configured(previous);
  }

  protected abstract checkConfig(config: unknown): C;

  /** The first `hass` arrived. */
  protected connected(): void {
    this.requestUpdate();
  }

  /** A new config was applied. */
  protected configured(_previous: C | undefined): void {}

  abstract getCardSize(): number;

  abstract getGridOptions(): GridOptions;

  /** The card frame: header (title, an "open in Pandora" link, tools) and body. */
  protected frame(
    title: string,
    body: TemplateResult,
    options: { link?: string; linkLabel?: string; tools?: TemplateResult } = {},
  ): TemplateResult {
    const link = options.link ? `${PANEL_PATH}/${options.link}` : undefined;
    const content = html`<div class="card-header">
        <h2 class="card-title">${title}</h2>
        ${options.tools ?? nothing}
        ${link
          ? html`<a
              class="icon-btn"
              href=${ifDefined(safeHref(link))}
              aria-label=${options.linkLabel ?? "Open in Pandora"}
              title=${options.linkLabel ?? "Open in Pandora"}
              @click=${(e: MouseEvent) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigateTo(link);
              }}
              >${icon(mdiOpenInNew)}</a
            >`
          : nothing}
      </div>
      <div class="card-body">${body}</div>`;
    return customElements.get("ha-card")
      ? html`<ha-card class="frame">${content}</ha-card>`
      : html`<div class="frame plain">${content}</div>`;
  }
}

export const cardStyles = css`
  :host {
    display: block;
    height: 100%;
  }
  .frame {
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
  }
  .frame.plain {
    background: var(--_surface);
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--_divider));
    border-radius: var(--_radius);
    box-shadow: var(--ha-card-box-shadow, none);
    color: var(--_text);
  }
  .card-header {
    display: flex;
    align-items: center;
    gap: 4px;
    min-height: 52px;
    padding: 4px 4px 0 16px;
  }
  .card-title {
    flex: 1;
    min-width: 0;
    font-size: var(--ha-card-header-font-size, 1.2rem);
    font-weight: 500;
    line-height: 1.3;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card-header a.icon-btn {
    color: var(--_text-2);
  }
  .card-body {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 4px 16px 16px;
  }
  .card-body .state {
    padding: 16px 8px;
  }
  .card-body .state > .icon {
    width: 40px;
    height: 40px;
  }
  .more {
    display: flex;
    justify-content: center;
    padding-top: 8px;
  }
`;
