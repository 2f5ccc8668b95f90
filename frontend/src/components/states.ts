/** Empty, error and "service missing" states shared by the tabs. */
import { html, nothing, type TemplateResult } from "lit";
import { errorMessage } from "../data/api";
import { icon, mdiAlertCircleOutline, mdiCogOutline, mdiRefresh } from "./icons";
import type { Tab, View } from "../data/view-url";

/** Where an administrator adds a service to Pandora. */
export const INTEGRATION_PATH = "/config/integrations/integration/pandora";

export function errorState(
  title: string,
  error: unknown,
  retry?: () => void,
): TemplateResult {
  return html`<div class="state error" role="alert">
    ${icon(mdiAlertCircleOutline)}
    <h3>${title}</h3>
    <p class="message">${errorMessage(error)}</p>
    ${retry
      ? html`<button class="btn" @click=${retry}>${icon(mdiRefresh)} Try again</button>`
      : nothing}
  </div>`;
}

export function emptyState(
  iconPath: string,
  title: string,
  body: TemplateResult | string,
  action?: TemplateResult,
): TemplateResult {
  return html`<div class="state">
    ${icon(iconPath)}
    <h3>${title}</h3>
    <p>${body}</p>
    ${action ?? nothing}
  </div>`;
}

/**
 * "Add this service" guidance: the steps in Home Assistant, and for administrators a button to
 * Pandora's integration page.
 */
export function missingServiceState(options: {
  iconPath: string;
  title: string;
  why: string;
  service: string;
  admin: boolean;
}): TemplateResult {
  const { iconPath, title, why, service, admin } = options;
  const steps = html`<span class="path"
    >Settings → Devices &amp; services → Pandora → Add ${service}</span
  >`;
  return html`<div class="state">
    ${icon(iconPath)}
    <h2>${title}</h2>
    <p>${why}</p>
    <p>
      ${admin ? html`To add it, go to ${steps}.` : html`Ask an administrator to add it: ${steps}.`}
    </p>
    ${admin
      ? html`<button
          class="btn primary"
          @click=${(e: Event) => navigate(e.currentTarget!, { path: INTEGRATION_PATH })}
        >
          ${icon(mdiCogOutline)} Open Pandora settings
        </button>`
      : nothing}
  </div>`;
}

/** What a tab asks of the panel. */
export interface NavigateDetail {
  /** Another tab, at its root. */
  tab?: Tab;
  /** A Home Assistant path outside the panel. */
  path?: string;
  /** A place: another tab's view, or changes to the current one (`{ folder }`, `{ title: undefined }`). */
  view?: Partial<View>;
  /** Replace the history entry (filters) instead of adding one. */
  replace?: boolean;
  /** Leave a place (a sheet's Close): back to the entry it was opened from when that is the one. */
  back?: boolean;
}

/** Tell the panel to switch tab, open a place in it, or go to a Home Assistant path. */
export function navigate(from: EventTarget, detail: NavigateDetail): void {
  from.dispatchEvent(new CustomEvent("pandora-navigate", { detail, bubbles: true, composed: true }));
}

export interface ToastDetail {
  message: string;
  kind?: "info" | "success" | "error";
  action?: { label: string; tab: string };
}

/** Show a short message in the panel's toast area. */
export function toast(from: EventTarget, detail: ToastDetail): void {
  from.dispatchEvent(new CustomEvent("pandora-toast", { detail, bubbles: true, composed: true }));
}
