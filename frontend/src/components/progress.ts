/** A labelled progress bar (determinate, or indeterminate when the value is unknown). */
import { css, html, nothing, type TemplateResult } from "lit";
import { formatPercent } from "../data/format";

/** `percent` is 0-100, or null when only "working" is known. */
export function progressBar(percent: number | null, label: string, language = "en"): TemplateResult {
  if (percent == null || !Number.isFinite(percent)) {
    return html`<div class="progress indeterminate" role="progressbar" aria-label=${label}>
      <div class="progress-fill"></div>
    </div>`;
  }
  const value = Math.min(100, Math.max(0, percent));
  return html`<div
    class="progress"
    role="progressbar"
    aria-label=${label}
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${Math.floor(value * 10) / 10}
    aria-valuetext=${formatPercent(value / 100, language)}
  >
    <div class="progress-fill" style="width: ${value}%"></div>
  </div>`;
}

/** Text for a progress, or nothing when unknown: "42.1%". */
export function progressText(percent: number | null, language = "en") {
  return percent == null ? nothing : formatPercent(percent / 100, language);
}

export const progressStyles = css`
  .progress {
    position: relative;
    height: 8px;
    border-radius: 4px;
    background: var(--_surface-alt);
    overflow: hidden;
  }
  .progress-fill {
    height: 100%;
    border-radius: 4px;
    background: var(--_primary);
    transition: width 400ms ease;
  }
  .progress.indeterminate .progress-fill {
    width: 35%;
    animation: indeterminate 1.3s ease-in-out infinite;
  }
  @keyframes indeterminate {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(300%);
    }
  }
`;
