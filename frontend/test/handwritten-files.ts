/**
 * The hand-written answers some tests still replay, until each is moved to the generated ones in
 * `fixture-files.ts` (see fixtures/handwritten/README.md).
 */
export { default as container_logs } from "./fixtures/handwritten/container_logs.json";
export { default as containers } from "./fixtures/handwritten/containers.json";
export { default as discover_trending_day } from "./fixtures/handwritten/discover_trending_day.json";
export { default as files_downloaded } from "./fixtures/handwritten/files_downloaded.json";
export { default as files_move } from "./fixtures/handwritten/files_move.json";
export { default as files_root } from "./fixtures/handwritten/files_root.json";
export { default as history } from "./fixtures/handwritten/history.json";
export { default as home } from "./fixtures/handwritten/home.json";
export { default as info_admin } from "./fixtures/handwritten/info_admin.json";
export { default as info_empty } from "./fixtures/handwritten/info_empty.json";
export { default as info_full } from "./fixtures/handwritten/info_full.json";
export { default as info_requests } from "./fixtures/handwritten/info_requests.json";
export { default as info_user } from "./fixtures/handwritten/info_user.json";
export { default as library } from "./fixtures/handwritten/library.json";
export { default as library_scan } from "./fixtures/handwritten/library_scan.json";
export { default as library_scanning } from "./fixtures/handwritten/library_scanning.json";
export { default as media_movie } from "./fixtures/handwritten/media_movie.json";
export { default as media_tv } from "./fixtures/handwritten/media_tv.json";
export { default as requests_approve } from "./fixtures/handwritten/requests_approve.json";
export { default as requests_create_existing } from "./fixtures/handwritten/requests_create_existing.json";
export { default as requests_create_movie } from "./fixtures/handwritten/requests_create_movie.json";
export { default as requests_create_tv } from "./fixtures/handwritten/requests_create_tv.json";
export { default as requests_deny } from "./fixtures/handwritten/requests_deny.json";
export { default as requests_retry } from "./fixtures/handwritten/requests_retry.json";
export { default as requests_snapshot } from "./fixtures/handwritten/requests_snapshot.json";
export { default as requests_user } from "./fixtures/handwritten/requests_user.json";
export { default as requests_withdraw } from "./fixtures/handwritten/requests_withdraw.json";
export { default as search_media } from "./fixtures/handwritten/search_media.json";
export { default as torrent_add } from "./fixtures/handwritten/torrent_add.json";
export { default as torrent_search } from "./fixtures/handwritten/torrent_search.json";
export { default as torrent_search_rejected } from "./fixtures/handwritten/torrent_search_rejected.json";
export { default as torrents_changed } from "./fixtures/handwritten/torrents_changed.json";
export { default as torrents_full } from "./fixtures/handwritten/torrents_full.json";
export { default as torrents_unavailable } from "./fixtures/handwritten/torrents_unavailable.json";
export { default as vpn_country } from "./fixtures/handwritten/vpn_country.json";
