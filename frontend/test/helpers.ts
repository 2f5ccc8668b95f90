/** A fake `hass` (callWS + connection.subscribeMessage mocks) and shadow-DOM query helpers. */
import { vi, type Mock } from "vitest";
import type { Hass, Torrent, TorrentChange, TorrentEvent, WsError, WsMessage } from "../src/data/types";

export type Responder = unknown | ((message: WsMessage) => unknown);

export interface FakeSubscription {
  message: WsMessage;
  callback: (event: unknown) => void;
  unsubscribe: Mock<() => Promise<void>>;
}

export interface FakeHass {
  hass: Hass;
  callWS: Mock<(message: WsMessage) => Promise<unknown>>;
  subscribeMessage: Mock;
  subscriptions: FakeSubscription[];
  /** Push an event to every open subscription. */
  push(event: unknown): void;
  /** Push an event to the open subscriptions of one type (`pandora/library/subscribe`). */
  pushTo(type: string, event: unknown): void;
  /** Change the answer for a command type. */
  respond(type: string, responder: Responder): void;
}

/** A websocket error as Home Assistant rejects with. */
export class FakeWsError implements WsError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export function fakeHass(
  responses: Record<string, Responder> = {},
  options: { admin?: boolean; subscribeError?: WsError } = {},
): FakeHass {
  const answers = new Map(Object.entries(responses));
  const subscriptions: FakeSubscription[] = [];
  const callWS = vi.fn(async (message: WsMessage) => {
    if (!answers.has(message.type)) throw new FakeWsError("unknown_command", `Unknown command ${message.type}`);
    const answer = answers.get(message.type);
    const value = typeof answer === "function" ? (answer as (m: WsMessage) => unknown)(message) : answer;
    const resolved = await value;
    if (resolved instanceof FakeWsError) throw resolved;
    // A fresh copy each time, as from the wire.
    return resolved === undefined ? resolved : JSON.parse(JSON.stringify(resolved));
  });
  const subscribeMessage = vi.fn(
    async (callback: (event: unknown) => void, message: WsMessage) => {
      if (options.subscribeError) throw options.subscribeError;
      const subscription: FakeSubscription = {
        message,
        callback,
        unsubscribe: vi.fn(async () => {
          const index = subscriptions.indexOf(subscription);
          if (index >= 0) subscriptions.splice(index, 1);
        }),
      };
      subscriptions.push(subscription);
      return subscription.unsubscribe;
    },
  );
  const hass = {
    callWS,
    connection: { subscribeMessage },
    user: { id: "u1", name: "Test", is_admin: options.admin ?? true },
    language: "en",
    locale: { language: "en" },
    dockedSidebar: "docked",
  } as unknown as Hass;
  return {
    hass,
    callWS,
    subscribeMessage,
    subscriptions,
    push(event) {
      for (const s of [...subscriptions]) s.callback(JSON.parse(JSON.stringify(event)));
    },
    pushTo(type, event) {
      for (const s of [...subscriptions]) {
        if (s.message.type === type) s.callback(JSON.parse(JSON.stringify(event)));
      }
    },
    respond(type, responder) {
      answers.set(type, responder);
    },
  };
}

/** Let Lit render: several macrotask turns (each element updates in a microtask). */
export async function settle(turns = 6): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every element matching `selector`, searching through open shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): T[] {
  const found: T[] = [];
  const visit = (node: Element | ShadowRoot | Document): void => {
    found.push(...(Array.from(node.querySelectorAll(selector)) as T[]));
    for (const element of Array.from(node.querySelectorAll("*"))) {
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  return [...new Set(found)];
}

export function deepQuery<T extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): T | null {
  return deepQueryAll<T>(root, selector)[0] ?? null;
}

/** The visible text of an element including its shadow content, whitespace collapsed. */
export function deepText(node: Node): string {
  const parts: string[] = [];
  const visit = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) {
      parts.push(n.textContent ?? "");
      return;
    }
    if (n instanceof HTMLSlotElement) {
      const assigned = n.assignedNodes({ flatten: true });
      for (const a of assigned) visit(a);
      return;
    }
    if (n instanceof Element && n.shadowRoot) {
      visit(n.shadowRoot);
      return;
    }
    if (n instanceof HTMLStyleElement) return;
    const element = n instanceof Element;
    if (element) parts.push(" ");
    for (const child of Array.from(n.childNodes)) visit(child);
    if (element) parts.push(" ");
  };
  visit(node);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** The button whose text (or aria-label) contains `text`. */
export function buttonWith(root: Element | ShadowRoot, text: string): HTMLButtonElement {
  const button = deepQueryAll<HTMLButtonElement>(root, "button").find(
    (b) => deepText(b).includes(text) || (b.getAttribute("aria-label") ?? "").includes(text),
  );
  if (!button) throw new Error(`no button with ${JSON.stringify(text)}`);
  return button;
}

export async function mount<T extends HTMLElement>(element: T): Promise<T> {
  document.body.append(element);
  await settle();
  return element;
}

export function cleanup(): void {
  document.body.replaceChildren();
}

const TORRENT_FIELDS = [
  "instance",
  "hash",
  "name",
  "state",
  "status",
  "progress",
  "size",
  "download_speed",
  "upload_speed",
  "eta",
  "added",
] as const;

/** A `full` torrent event, as the backend sends it (columns), for these torrents. */
export function fullTorrentEvent(
  torrents: readonly TorrentChange[],
  instances: Record<string, string> = {},
  unavailable: string[] = [],
): TorrentEvent {
  return {
    full: true,
    instances,
    fields: [...TORRENT_FIELDS],
    rows: torrents.map((t) => TORRENT_FIELDS.map((field) => t[field] ?? null)),
    unavailable,
  };
}

/** The torrents of a `full` event, as objects. */
export function torrentsOf(event: unknown): Torrent[] {
  const { fields, rows, instances } = event as { fields: string[]; rows: unknown[][]; instances: Record<string, string> };
  return rows.map((row) => {
    const torrent = Object.fromEntries(fields.map((field, i) => [field, row[i]])) as unknown as Torrent;
    return { ...torrent, instance_title: instances[torrent.instance] ?? torrent.instance };
  });
}
