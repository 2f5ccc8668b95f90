/**
 * The cards' visual editors: a small form described by fields (text, number, select), built
 * from native controls. Each change fires `config-changed` with the whole new config, as Home
 * Assistant's card editor expects; an empty field removes its key (the card's default applies).
 */
import { LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult } from "lit";
import { PandoraApi } from "./api";
import { forms, shared } from "./styles";
import type { Hass } from "./types";

interface FieldBase {
  name: string;
  label: string;
  helper?: string;
}

export type EditorField =
  | (FieldBase & { type: "text"; placeholder?: string; /** fire on every keystroke */ live?: boolean })
  | (FieldBase & { type: "number"; min: number; max: number; placeholder?: string })
  | (FieldBase & {
      type: "select";
      options: [string, string][];
      /** Label of an empty choice that removes the key. */
      empty?: string;
      /** The choice shown when the key is missing (the card's default). */
      fallback?: string;
    });

export function fireConfigChanged(from: EventTarget, config: Record<string, unknown>): void {
  from.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
}

export abstract class PandoraCardEditor extends LitElement {
  static override properties: PropertyDeclarations = {
    _config: { state: true },
    _invalid: { state: true },
  };

  declare _config: Record<string, unknown>;
  /** Fields whose text is not a valid value (not sent until fixed). */
  declare _invalid: ReadonlySet<string>;
  protected readonly api = new PandoraApi();

  constructor() {
    super();
    this._config = {};
    this._invalid = new Set();
  }

  /** Set on every Home Assistant change: kept out of the reactive properties. */
  set hass(hass: Hass | undefined) {
    const first = !this.api.hass && hass;
    this.api.hass = hass;
    if (first) this.connected();
  }

  get hass(): Hass | undefined {
    return this.api.hass;
  }

  /** The first `hass` arrived (to load choices, for instance). */
  protected connected(): void {}

  setConfig(config: Record<string, unknown>): void {
    this._config = { ...config };
  }

  protected abstract get fields(): EditorField[];

  /** Set one key (or remove it when `value` is undefined) and tell Home Assistant. */
  protected change(name: string, value: unknown): void {
    const config = { ...this._config };
    if (value === undefined) delete config[name];
    else config[name] = value;
    this._config = config;
    fireConfigChanged(this, config);
  }

  private setInvalid(name: string, invalid: boolean): void {
    const next = new Set(this._invalid);
    if (invalid) next.add(name);
    else next.delete(name);
    this._invalid = next;
  }

  private onText(field: EditorField & { type: "text" }, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.change(field.name, value.trim() ? value : undefined);
  }

  private onNumber(field: EditorField & { type: "number" }, event: Event): void {
    const text = (event.target as HTMLInputElement).value.trim();
    if (!text) {
      this.setInvalid(field.name, false);
      this.change(field.name, undefined);
      return;
    }
    const value = Number(text);
    const ok = Number.isInteger(value) && value >= field.min && value <= field.max;
    this.setInvalid(field.name, !ok);
    if (ok) this.change(field.name, value);
  }

  protected override render() {
    return html`<div class="editor">${this.fields.map((field) => this.renderField(field))}</div>`;
  }

  private renderField(field: EditorField): TemplateResult {
    const id = `field-${field.name}`;
    const value = this._config[field.name];
    const invalid = this._invalid.has(field.name);
    const helper =
      field.type === "number" && invalid
        ? html`<span class="invalid" id="${id}-help">Enter a whole number from ${field.min} to ${field.max}.</span>`
        : field.helper
          ? html`<span class="hint" id="${id}-help">${field.helper}</span>`
          : nothing;
    let control: TemplateResult;
    switch (field.type) {
      case "text":
        control = html`<input
          id=${id}
          type="text"
          autocomplete="off"
          placeholder=${field.placeholder ?? ""}
          .value=${typeof value === "string" ? value : ""}
          aria-describedby=${field.helper ? `${id}-help` : nothing}
          @input=${field.live ? (e: Event) => this.onText(field, e) : nothing}
          @change=${(e: Event) => this.onText(field, e)}
        />`;
        break;
      case "number":
        control = html`<input
          id=${id}
          type="number"
          inputmode="numeric"
          min=${field.min}
          max=${field.max}
          step="1"
          placeholder=${field.placeholder ?? ""}
          .value=${typeof value === "number" ? String(value) : ""}
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby=${invalid || field.helper ? `${id}-help` : nothing}
          @change=${(e: Event) => this.onNumber(field, e)}
        />`;
        break;
      default: {
        const current = typeof value === "string" ? value : (field.fallback ?? "");
        control = html`<select
          id=${id}
          .value=${current}
          aria-describedby=${field.helper ? `${id}-help` : nothing}
          @change=${(e: Event) => {
            const selected = (e.target as HTMLSelectElement).value;
            this.change(field.name, selected || undefined);
          }}
        >
          ${field.empty !== undefined ? html`<option value="" ?selected=${!current}>${field.empty}</option>` : nothing}
          ${field.options.map(
            ([optionValue, label]) =>
              html`<option value=${optionValue} ?selected=${optionValue === current}>${label}</option>`,
          )}
        </select>`;
      }
    }
    return html`<div class="field" data-field=${field.name}>
      <label for=${id}>${field.label}</label>
      ${control} ${helper}
    </div>`;
  }

  static override styles = [
    ...shared,
    forms,
    css`
      :host {
        display: block;
      }
      .editor {
        display: flex;
        flex-direction: column;
        gap: 16px;
      }
      .field > label {
        color: var(--_text);
        font-weight: 500;
      }
      input,
      select {
        width: 100%;
      }
    `,
  ];
}
