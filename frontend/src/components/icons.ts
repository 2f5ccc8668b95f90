/** Material Design Icons as inline SVG (no dependency on Home Assistant's ha-icon). */
import { html, nothing, type TemplateResult } from "lit";

export {
  mdiAlertCircleOutline,
  mdiArrowDown,
  mdiArrowUp,
  mdiBookshelf,
  mdiCastVariant,
  mdiCheck,
  mdiCheckCircle,
  mdiCheckCircleOutline,
  mdiChevronDown,
  mdiChevronLeft,
  mdiChevronRight,
  mdiChevronUp,
  mdiClose,
  mdiCogOutline,
  mdiCompassOutline,
  mdiDeleteOutline,
  mdiDocker,
  mdiDownload,
  mdiEarth,
  mdiFileOutline,
  mdiFileVideoOutline,
  mdiFolder,
  mdiFolderCheckOutline,
  mdiFolderDownloadOutline,
  mdiFolderMoveOutline,
  mdiFolderOutline,
  mdiHistory,
  mdiHomeOutline,
  mdiImageMultipleOutline,
  mdiInformationOutline,
  mdiLayersOutline,
  mdiMagnify,
  mdiMagnifyScan,
  mdiMenu,
  mdiMinusCircleOutline,
  mdiMovieOpenOutline,
  mdiMovieOutline,
  mdiMusic,
  mdiOpenInNew,
  mdiPackageVariantClosed,
  mdiPause,
  mdiPlay,
  mdiPlaylistPlus,
  mdiPlus,
  mdiPlusCircleOutline,
  mdiRefresh,
  mdiRestart,
  mdiRocketLaunchOutline,
  mdiServer,
  mdiShieldAlertOutline,
  mdiShieldLockOutline,
  mdiStar,
  mdiStarShootingOutline,
  mdiTelevisionClassic,
  mdiTextBoxOutline,
  mdiTrayArrowDown,
  mdiUndoVariant,
} from "@mdi/js";

/** A 24×24 icon; decorative unless a label is given. */
export function icon(path: string, label?: string): TemplateResult {
  return html`<svg
    class="icon"
    viewBox="0 0 24 24"
    focusable="false"
    role=${label ? "img" : nothing}
    aria-label=${label ?? nothing}
    aria-hidden=${label ? nothing : "true"}
  >
    <path d=${path}></path>
  </svg>`;
}
