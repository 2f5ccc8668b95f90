/**
 * The websocket answers the tests replay, loaded in this one place: each `fixtures/<name>.json`
 * is exported as `<name>` (typed from its JSON). They are meant to be written from what the
 * Python side actually sends (snapshots of its websocket answers); a fixture added to the folder
 * must be exported here too (fixture-files.test.ts checks).
 */
export { default as container_logs } from "./fixtures/container_logs.json";
export { default as containers } from "./fixtures/containers.json";
export { default as discover_trending_day } from "./fixtures/discover_trending_day.json";
export { default as files_downloaded } from "./fixtures/files_downloaded.json";
export { default as files_move } from "./fixtures/files_move.json";
export { default as files_root } from "./fixtures/files_root.json";
export { default as history } from "./fixtures/history.json";
export { default as home } from "./fixtures/home.json";
export { default as info_admin } from "./fixtures/info_admin.json";
export { default as info_empty } from "./fixtures/info_empty.json";
export { default as info_full } from "./fixtures/info_full.json";
export { default as info_requests } from "./fixtures/info_requests.json";
export { default as info_user } from "./fixtures/info_user.json";
export { default as library } from "./fixtures/library.json";
export { default as library_scan } from "./fixtures/library_scan.json";
export { default as library_scanning } from "./fixtures/library_scanning.json";
export { default as media_movie } from "./fixtures/media_movie.json";
export { default as media_tv } from "./fixtures/media_tv.json";
export { default as requests_approve } from "./fixtures/requests_approve.json";
export { default as requests_create_existing } from "./fixtures/requests_create_existing.json";
export { default as requests_create_movie } from "./fixtures/requests_create_movie.json";
export { default as requests_create_tv } from "./fixtures/requests_create_tv.json";
export { default as requests_deny } from "./fixtures/requests_deny.json";
export { default as requests_retry } from "./fixtures/requests_retry.json";
export { default as requests_snapshot } from "./fixtures/requests_snapshot.json";
export { default as requests_user } from "./fixtures/requests_user.json";
export { default as requests_withdraw } from "./fixtures/requests_withdraw.json";
export { default as search_media } from "./fixtures/search_media.json";
export { default as torrent_add } from "./fixtures/torrent_add.json";
export { default as torrent_search } from "./fixtures/torrent_search.json";
export { default as torrent_search_rejected } from "./fixtures/torrent_search_rejected.json";
export { default as torrents_changed } from "./fixtures/torrents_changed.json";
export { default as torrents_full } from "./fixtures/torrents_full.json";
export { default as torrents_unavailable } from "./fixtures/torrents_unavailable.json";
export { default as vpn_country } from "./fixtures/vpn_country.json";
