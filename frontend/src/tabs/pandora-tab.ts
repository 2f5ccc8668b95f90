import { LitElement, type PropertyDeclarations } from "lit";
import type { PandoraApi } from "../data/api";
import type { Info } from "../data/types";

/**
 * What the panel hands every tab (Discover, Downloads, Files, Library, Containers, Requests):
 * the websocket API, the hub's `pandora/info`, whether the user is an administrator, and
 * whether the panel is narrow. Each tab declares only its own properties on top (Lit merges a
 * subclass's properties with these).
 */
export abstract class PandoraTab extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      api: { attribute: false },
      info: { attribute: false },
      admin: { type: Boolean },
      narrow: { type: Boolean },
    };
  }

  declare api: PandoraApi;
  declare info: Info | null;
  declare admin: boolean;
  declare narrow: boolean;
}
