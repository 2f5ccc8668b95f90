/**
 * The one way a link reaches an `href`. Links come from services (where a title streams, TMDB's
 * offers, Jellyfin's web app): a `javascript:` or `data:` link would run in Home Assistant's
 * page, so only http(s) ones are rendered. The backend drops the others too; this is the
 * second line.
 */

/** `value` when it is an http(s) link (or a path on this site), else undefined. */
export function safeHref(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    // Parsed as the browser will follow it: leading spaces, tabs and newlines are dropped and
    // the scheme is case-insensitive, so "  JavaScript:" or "java\nscript:" cannot slip by.
    url = new URL(value, document.baseURI);
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? value : undefined;
}
