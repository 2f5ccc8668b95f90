/**
 * Pandora's dashboard cards, one module Home Assistant loads on every page
 * (`frontend.add_extra_js_url`): `pandora-downloads-card`, `pandora-discover-card` and
 * `pandora-files-card`, each with its form editor (`getConfigForm`, drawn by Home Assistant) and
 * listed in the card picker.
 * They share the panel's modules (API, styles, rows) but none of its elements.
 */
import "./pandora-discover-card";
import "./pandora-downloads-card";
import "./pandora-files-card";
import { preloadPanel } from "../app/preload";

preloadPanel(import.meta.url, location.pathname);

export { PandoraDiscoverCard } from "./pandora-discover-card";
export { PandoraDownloadsCard } from "./pandora-downloads-card";
export { PandoraFilesCard } from "./pandora-files-card";
