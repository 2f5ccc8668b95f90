/**
 * `LiveFeed`: a Lit controller that keeps one websocket subscription open while its element is
 * in the page and enabled, and closes it when the element leaves. A failed subscription stays
 * failed (its error is shown) until `retry()`.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { PandoraApi } from "../data/api";

export interface Closable {
  close(): Promise<void>;
}

export interface LiveFeedOptions<T> {
  /** The API to subscribe with (undefined until the element has one). */
  api: () => PandoraApi | undefined;
  /** Whether to subscribe at all (for instance: the service is configured). */
  enabled?: () => boolean;
  open: (api: PandoraApi, onValue: (value: T) => void, onError: (error: unknown) => void) => Closable;
}

export class LiveFeed<T> implements ReactiveController {
  /** The latest value; null until the first event. */
  value: T | null = null;
  error: unknown = null;
  private subscription: Closable | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LiveFeedOptions<T>,
  ) {
    host.addController(this);
  }

  get loaded(): boolean {
    return this.value !== null;
  }

  hostConnected(): void {
    this.start();
  }

  hostUpdated(): void {
    this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Subscribe when connected, enabled, not failed and not already subscribed. */
  start(): void {
    const api = this.options.api();
    if (this.subscription || this.error || !this.host.isConnected || !api?.hass) return;
    if (this.options.enabled && !this.options.enabled()) return;
    try {
      const subscription = this.options.open(
        api,
        (value) => {
          this.value = value;
          this.error = null;
          this.host.requestUpdate();
        },
        (error) => {
          if (this.subscription !== subscription) return;
          this.error = error;
          this.subscription = null;
          this.host.requestUpdate();
        },
      );
      this.subscription = subscription;
    } catch (error) {
      this.error = error;
      this.host.requestUpdate();
    }
  }

  stop(): void {
    void this.subscription?.close();
    this.subscription = null;
  }

  /** Forget the error and what was shown, and subscribe again. */
  retry(): void {
    this.stop();
    this.value = null;
    this.error = null;
    this.start();
    this.host.requestUpdate();
  }
}
