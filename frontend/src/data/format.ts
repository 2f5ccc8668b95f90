/** Human formatting of sizes, speeds, durations and dates (Intl, in the user's language). */

/** qBittorrent's "no estimate" ETA (100 days). */
export const ETA_INFINITE = 8_640_000;

const UNITS = ["B", "kB", "MB", "GB", "TB", "PB"];

/**
 * One formatter per language and options, made once: building an `Intl` formatter costs far
 * more than formatting with it, and a list of 10,000 torrents formats several numbers per row.
 * `null` remembers a language `Intl` refuses (the callers fall back).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | null>();

function cached<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T | null {
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = make();
    } catch {
      formatter = null;
    }
    formatters.set(key, formatter);
  }
  return formatter as T | null;
}

function number(value: number, language: string, digits: number): string {
  const format = cached(`number\u0000${language}\u0000${digits}`, () =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }),
  );
  return format ? format.format(value) : value.toFixed(digits);
}

/** Decimal units, like qBittorrent's web UI in SI mode: 1.5 GB. */
export function formatBytes(bytes: number | null | undefined, language = "en"): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${number(value, language, digits)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number, language = "en"): string {
  return `${formatBytes(bytesPerSecond, language)}/s`;
}

/** 0.4213 → "42.1%"; never shows 100% before the torrent is complete. */
export function formatPercent(progress: number, language = "en"): string {
  if (progress >= 1) return `${number(100, language, 0)}%`;
  const tenths = Math.floor(Math.max(0, progress) * 1000) / 10;
  return `${number(tenths, language, 1)}%`;
}

/** Seconds → "45 s", "12 min", "3 h 5 min", "2 d 4 h"; "∞" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0 || seconds >= ETA_INFINITE) {
    return "∞";
  }
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  // Round first, then split: 3599 s is "1 h", not "0 h 60 min".
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const totalHours = Math.round(s / 3600);
  const days = Math.floor(totalHours / 24);
  const restHours = totalHours % 24;
  return restHours ? `${days} d ${restHours} h` : `${days} d`;
}

/** Minutes of runtime → "2 h 46 min". */
export function formatRuntime(minutes: number | null | undefined): string | null {
  if (!minutes) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.35],
  ["month", 12],
  ["year", Infinity],
];

/** "3 hours ago" in the user's language; "" for a missing or bad date. */
export function formatRelative(
  iso: string | null | undefined,
  language = "en",
  now: number = Date.now(),
): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  let delta = (time - now) / 1000;
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) {
      const format = cached(`relative\u0000${language}`, () =>
        new Intl.RelativeTimeFormat(language, { numeric: "auto" }),
      );
      return format ? format.format(Math.round(delta), unit) : new Date(time).toLocaleString();
    }
    delta /= size;
  }
  return "";
}

/** A full local date and time, for tooltips. */
export function formatDateTime(iso: string | null | undefined, language = "en"): string {
  if (!iso) return "";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  const format = cached(`date\u0000${language}`, () =>
    new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
  );
  return format ? format.format(time) : new Date(time).toISOString();
}

/**
 * The image link to show: `fresh`, unless `shown` is the same image. Links are signed anew on
 * every answer (the signature changes each second), so the details of a title would otherwise
 * fetch the poster and backdrop its card already loaded a second time.
 */
export function sameImage(fresh: string | null, shown: string | null | undefined): string | null {
  if (fresh && shown && fresh.split("?")[0] === shown.split("?")[0]) return shown;
  return fresh;
}
