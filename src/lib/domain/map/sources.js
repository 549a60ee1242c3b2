// @ts-check
// Where the map's online layers come from: the raster tile source and the Environment Agency's flood
// warnings. Read from the environment by the build (svelte.config.js and vite.config.ts put the
// origins in the Content-Security-Policy and the service worker's tile route) and by the server at
// start-up (which serves the same settings to the device). Plain JavaScript, because
// svelte.config.js is loaded by Node without a TypeScript step.

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
export const OSM_ATTRIBUTION_URL = 'https://www.openstreetmap.org/copyright';
export const EA_FLOOD_MONITORING_URL = 'https://environment.data.gov.uk/flood-monitoring';

/**
 * @typedef {object} TileSource
 * @property {string} urlTemplate with `{z}`, `{x}` and `{y}` in its path
 * @property {string} attribution plain text, shown on the map at all times
 * @property {string | null} attributionUrl where the attribution links to
 * @property {number} maxZoom
 * @property {boolean} offlineSaving whether the source's terms allow saving areas for offline use
 *
 * @typedef {object} FloodWarningsSource
 * @property {boolean} enabled
 * @property {string} baseUrl the Environment Agency flood-monitoring API root, without a trailing slash
 *
 * @typedef {object} MapSources
 * @property {TileSource} tiles
 * @property {FloodWarningsSource} floodWarnings
 *
 * @typedef {{ 'img-src': string[], 'connect-src': string[] }} MapCspSources
 */

/** A mistake in the map settings, worded for the person who set the environment. */
export class MapSourcesError extends Error {
	/** @override */
	name = 'MapSourcesError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PLACEHOLDERS = ['{z}', '{x}', '{y}'];

/**
 * Whether a tile URL is served by the OpenStreetMap Foundation, whose tile usage policy forbids
 * downloading areas in bulk for offline use.
 * @param {string} url a tile URL or URL template
 */
export function isOpenStreetMapTiles(url) {
	let host;
	try {
		host = new URL(fillTemplate(url, '0')).hostname.toLowerCase().replace(/\.$/, '');
	} catch {
		return false;
	}
	return ['tile.openstreetmap.org', 'tile.osm.org'].some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * The map sources from the environment. Unset values take OpenStreetMap's standard tiles (viewed
 * tiles only, never saved areas) and no flood warnings.
 * @param {Record<string, string | undefined>} env
 * @returns {MapSources}
 */
export function readMapSources(env) {
	return { tiles: readTileSource(env), floodWarnings: readFloodWarnings(env) };
}

/**
 * The origins the map needs beyond 'self', per CSP directive: tiles are images (and fetched when an
 * area is saved, only where saving is allowed); flood warnings are fetched.
 * @param {MapSources} sources
 * @returns {MapCspSources}
 */
export function cspSources(sources) {
	const tiles = originOf(sources.tiles.urlTemplate);
	const connect = [];
	if (sources.tiles.offlineSaving) connect.push(tiles);
	if (sources.floodWarnings.enabled) connect.push(originOf(sources.floodWarnings.baseUrl));
	return { 'img-src': [tiles], 'connect-src': [...new Set(connect)] };
}

/** @param {string} url */
export function originOf(url) {
	return new URL(fillTemplate(url, '0')).origin;
}

/** @param {Record<string, string | undefined>} env @returns {TileSource} */
function readTileSource(env) {
	const configured = env.FELLSIDE_TILE_URL?.trim();
	const urlTemplate = configured || OSM_TILE_URL;
	checkTemplate(urlTemplate);
	const attribution = env.FELLSIDE_TILE_ATTRIBUTION?.trim() || (configured ? '' : OSM_ATTRIBUTION);
	if (!attribution) {
		throw new MapSourcesError(
			'FELLSIDE_TILE_ATTRIBUTION must be set when FELLSIDE_TILE_URL is: the tile source’s attribution is shown on the map at all times'
		);
	}
	const attributionUrl =
		env.FELLSIDE_TILE_ATTRIBUTION_URL?.trim() || (configured ? null : OSM_ATTRIBUTION_URL);
	if (attributionUrl !== null) checkWebAddress('FELLSIDE_TILE_ATTRIBUTION_URL', attributionUrl);
	const offlineSaving =
		readChoice(env, 'FELLSIDE_TILE_OFFLINE_SAVING', ['forbidden', 'allowed']) === 'allowed';
	if (offlineSaving && isOpenStreetMapTiles(urlTemplate)) {
		throw new MapSourcesError(
			'FELLSIDE_TILE_OFFLINE_SAVING cannot be "allowed" for tile.openstreetmap.org: its tile usage policy forbids bulk downloads. Use a tile source whose terms allow saving areas offline'
		);
	}
	return { urlTemplate, attribution, attributionUrl, maxZoom: readMaxZoom(env), offlineSaving };
}

/** @param {Record<string, string | undefined>} env @returns {FloodWarningsSource} */
function readFloodWarnings(env) {
	const enabled = readChoice(env, 'FELLSIDE_FLOOD_WARNINGS', ['off', 'on']) === 'on';
	const baseUrl = (env.FELLSIDE_FLOOD_WARNINGS_URL?.trim() || EA_FLOOD_MONITORING_URL).replace(/\/+$/, '');
	checkWebAddress('FELLSIDE_FLOOD_WARNINGS_URL', baseUrl);
	if (/[?#]/.test(baseUrl)) {
		throw new MapSourcesError(
			`FELLSIDE_FLOOD_WARNINGS_URL must be the API's root address without ? or #, not "${baseUrl}"`
		);
	}
	return { enabled, baseUrl };
}

/** @param {string} template */
function checkTemplate(template) {
	const name = 'FELLSIDE_TILE_URL';
	for (const placeholder of template.match(/\{[^}]*\}/g) ?? []) {
		if (placeholder === '{s}') {
			throw new MapSourcesError(
				`${name} must name one tile host, not several through {s}: "${template}" (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png)`
			);
		}
		if (!PLACEHOLDERS.includes(placeholder)) {
			throw new MapSourcesError(
				`${name} has ${placeholder}, which Fellside cannot fill in; use {z}, {x} and {y}`
			);
		}
	}
	const missing = PLACEHOLDERS.filter((p) => !template.includes(p));
	if (missing.length > 0) {
		throw new MapSourcesError(
			`${name} must contain {z}, {x} and {y}; "${template}" has no ${missing.join(' or ')}`
		);
	}
	checkWebAddress(name, fillTemplate(template, '0'), template);
	if (originOf(template) !== new URL(fillTemplate(template, '1')).origin) {
		throw new MapSourcesError(
			`${name} must have {z}, {x} and {y} in its path, not in its host: "${template}"`
		);
	}
}

/**
 * An https address (http only for this computer, e.g. a local tile server), without a password.
 * @param {string} name @param {string} value @param {string} [shown]
 */
function checkWebAddress(name, value, shown = value) {
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new MapSourcesError(`${name} is not a web address: "${shown}"`);
	}
	const local = LOOPBACK_HOSTS.has(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
		throw new MapSourcesError(
			`${name} must start with https:// (http:// only for this computer), not "${shown}"`
		);
	}
	if (url.username || url.password) {
		throw new MapSourcesError(`${name} must not contain a user name or password`);
	}
}

/** @param {Record<string, string | undefined>} env */
function readMaxZoom(env) {
	const text = env.FELLSIDE_TILE_MAX_ZOOM?.trim() || '19';
	const zoom = Number(text);
	if (!/^\d+$/.test(text) || zoom < 1 || zoom > 22) {
		throw new MapSourcesError(`FELLSIDE_TILE_MAX_ZOOM must be a whole number from 1 to 22, not "${text}"`);
	}
	return zoom;
}

/**
 * @template {string} T
 * @param {Record<string, string | undefined>} env @param {string} name @param {[T, T]} choices the default first
 * @returns {T}
 */
function readChoice(env, name, choices) {
	const value = env[name]?.trim() || choices[0];
	const choice = choices.find((c) => c === value);
	if (!choice)
		throw new MapSourcesError(`${name} must be "${choices[0]}" or "${choices[1]}", not "${value}"`);
	return choice;
}

/** @param {string} template @param {string} value */
function fillTemplate(template, value) {
	return template.replace(/\{[^}]*\}/g, value);
}
