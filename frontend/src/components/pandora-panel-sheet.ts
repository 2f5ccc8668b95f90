/**
 * `pandora-panel-sheet`: a modal that is a bottom sheet on narrow screens and a centred dialog on wide
 * ones. Focus moves in on open, is trapped inside (Tab and Shift+Tab wrap, through shadow roots
 * and slots), Escape or the scrim close it, and focus returns where it was on close.
 *
 * Render it only while open; it fires `close` when the user asks to close it.
 *
 * While connected it counts as open: it fires `pandora-sheet-open` (bubbling, composed) when it
 * is connected, whose `detail.closed` settles when it is disconnected. The panel uses it to keep
 * its toasts from covering an open sheet.
 *
 * Stacking: the host is `position: fixed` with `z-index: 30`. The tab elements it is rendered in
 * and the panel's `main` create no stacking context (no position with a z-index, no transform,
 * filter, opacity, `contain` or `container-type`), so the sheet stacks in the same context as the
 * panel's sticky app bar (z-index 4) and its fixed toast region (z-index 20): above both.
 */
import { LitElement, css, html, type PropertyValues } from "lit";
import { define } from "./define";
import { icon, mdiClose } from "./icons";
import { shared } from "../styles/shared";

const FOCUSABLE =
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

function isFocusable(element: Element): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.matches(FOCUSABLE)) return false;
  if ((element as HTMLButtonElement).disabled || element.hidden) return false;
  if (element.closest("[inert]")) return false;
  return element.tabIndex >= 0;
}

/** Focusable elements in tree order, descending into shadow roots and slotted content. */
export function focusableElements(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode): void => {
    for (const child of Array.from(node.children)) {
      if (child instanceof HTMLSlotElement) {
        for (const assigned of child.assignedElements({ flatten: true })) {
          if (isFocusable(assigned)) found.push(assigned);
          visit(assigned.shadowRoot ?? assigned);
        }
        continue;
      }
      if (child.hasAttribute("hidden")) continue;
      if (isFocusable(child)) found.push(child);
      visit(child.shadowRoot ?? child);
    }
  };
  visit(root);
  return found;
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** `pandora-sheet-open`'s detail: `closed` settles when the sheet is removed. */
export interface SheetOpenDetail {
  closed: Promise<void>;
}

export const SHEET_OPEN_EVENT = "pandora-sheet-open";

export class PandoraSheet extends LitElement {
  static override get properties() {
    return {
      label: { type: String },
      narrow: { type: Boolean, reflect: true },
    };
  }

  declare label: string;
  declare narrow: boolean;
  private restoreFocus: HTMLElement | null = null;
  private markClosed: (() => void) | undefined;

  constructor() {
    super();
    this.label = "";
    this.narrow = false;
    this.addEventListener("keydown", (event) => this.onKeyDown(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const active = deepActiveElement();
    this.restoreFocus = active instanceof HTMLElement ? active : null;
    this.markClosed?.();
    const closed = new Promise<void>((resolve) => (this.markClosed = resolve));
    this.dispatchEvent(
      new CustomEvent<SheetOpenDetail>(SHEET_OPEN_EVENT, { detail: { closed }, bubbles: true, composed: true }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.markClosed?.();
    this.markClosed = undefined;
    const target = this.restoreFocus;
    this.restoreFocus = null;
    if (target?.isConnected) target.focus();
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    // Focus the dialog itself: screen readers read its label, the next Tab enters the content.
    this.dialog?.focus();
  }

  private get dialog(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(".panel");
  }

  /** Ask the owner to close the sheet. */
  requestClose(): void {
    this.dispatchEvent(new CustomEvent("close", { bubbles: false, composed: false }));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.stopPropagation();
      event.preventDefault();
      this.requestClose();
      return;
    }
    if (event.key !== "Tab") return;
    const items = focusableElements(this.renderRoot);
    event.stopPropagation();
    if (!items.length) {
      event.preventDefault();
      this.dialog?.focus();
      return;
    }
    const index = items.indexOf(deepActiveElement() as HTMLElement);
    const last = items.length - 1;
    if (event.shiftKey && index <= 0) {
      event.preventDefault();
      items[last]!.focus();
    } else if (!event.shiftKey && (index === last || index === -1)) {
      event.preventDefault();
      items[0]!.focus();
    }
  }

  protected override render() {
    return html`
      <div class="scrim" @click=${this.requestClose}></div>
      <div class="panel" role="dialog" aria-modal="true" aria-label=${this.label} tabindex="-1">
        ${this.narrow
          ? html`<div class="grabber" aria-hidden="true"><span class="handle"></span></div>`
          : null}
        <button class="icon-btn close" aria-label="Close" @click=${this.requestClose}>
          ${icon(mdiClose)}
        </button>
        <div class="body"><slot></slot></div>
      </div>
    `;
  }

  static override styles = [
    ...shared,
    css`
      :host {
        position: fixed;
        inset: 0;
        /* Above the panel's app bar (4) and toast region (20): see the comment at the top. */
        z-index: 30;
        display: flex;
        align-items: center;
        justify-content: center;
      }
      :host([narrow]) {
        align-items: flex-end;
      }
      .scrim {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.55);
        animation: fade 160ms ease-out;
      }
      .panel {
        position: relative;
        display: flex;
        flex-direction: column;
        overflow: hidden;
        width: min(760px, calc(100% - 48px));
        max-height: calc(100% - 64px);
        background: var(--_surface);
        color: var(--_text);
        border-radius: calc(var(--_radius) + 4px);
        box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
        animation: pop 180ms ease-out;
      }
      :host([narrow]) .panel {
        width: 100%;
        max-height: calc(100% - 40px);
        border-radius: 20px 20px 0 0;
        animation: rise 220ms ease-out;
      }
      :host([narrow]) .body {
        padding-bottom: env(safe-area-inset-bottom, 0px);
      }
      .panel:focus {
        /* Focus rests on the dialog only until the first Tab; it is not a control. */
        outline: none;
      }
      .body {
        overflow-y: auto;
        overscroll-behavior: contain;
        min-height: 0;
      }
      /*
       * The bottom sheet's handle sits in a strip of its own above the scrolling body, on the
       * sheet's background: content scrolls under the strip, never under the handle.
       */
      .grabber {
        flex: none;
        display: flex;
        justify-content: center;
        align-items: center;
        height: 16px;
        background: var(--_surface);
      }
      .handle {
        width: 40px;
        height: 4px;
        border-radius: 2px;
        background: var(--_divider);
      }
      .close {
        position: absolute;
        top: 10px;
        right: 10px;
        z-index: 3;
        background: var(--_surface);
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);
      }
      .close:hover {
        background: var(--_surface-alt);
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
      @keyframes pop {
        from {
          opacity: 0;
          transform: scale(0.96);
        }
      }
      @keyframes rise {
        from {
          transform: translateY(40%);
          opacity: 0.4;
        }
      }
    `,
  ];
}

define("pandora-panel-sheet", PandoraSheet);

declare global {
  interface HTMLElementTagNameMap {
    "pandora-panel-sheet": PandoraSheet;
  }
}
