import path from 'node:path';
import {
	cspSources,
	MapSourcesError,
	readMapSources,
	type MapCspSources,
	type MapSources
} from '$lib/domain/map/sources.js';

/** A mistake in the environment: reported as one plain line, never a stack trace. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
	database: DatabaseConfig;
	/** `demo` seeds the fictional demo dataset into an empty database; `none` never seeds. */
	seed: 'demo' | 'none';
	seedSize: number;
	/** The online map layers: tile source and flood warnings. */
	map: MapSources;
}

export const DEFAULT_SQLITE_PATH = 'data/fellside.db';

export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
	const value = raw?.trim() || DEFAULT_SQLITE_PATH;
	if (/^postgres(ql)?:\/\//i.test(value)) {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${redact(value)}`);
		}
		if (!url.hostname && !url.searchParams.get('host')) {
			throw new ConfigError(`DATABASE_URL names no PostgreSQL host: ${redact(value)}`);
		}
		if (url.pathname.length <= 1) {
			throw new ConfigError(`DATABASE_URL names no PostgreSQL database (add /<name>): ${redact(value)}`);
		}
		return { kind: 'postgres', url: value };
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
		throw new ConfigError(
			`DATABASE_URL must be a SQLite file path or a postgres:// URL, not ${redact(value).split('://')[0]}://…`
		);
	}
	const file = value.replace(/^(sqlite|file):/i, '');
	if (file === ':memory:') return { kind: 'sqlite', path: file };
	if (file.endsWith('/') || file.endsWith(path.sep)) {
		throw new ConfigError(`DATABASE_URL names a folder, not a SQLite file: ${file}`);
	}
	return { kind: 'sqlite', path: path.resolve(cwd, file) };
}

/**
 * The settings from the environment. `built` is what this build's Content-Security-Policy allows for
 * the map (see svelte.config.js): the map settings must match it.
 */
export function loadConfig(
	env: Record<string, string | undefined> = process.env,
	built: MapCspSources = __FELLSIDE_MAP_CSP__
): ServerConfig {
	const seed = (env.FELLSIDE_SEED ?? 'none').trim();
	if (seed !== 'demo' && seed !== 'none') {
		throw new ConfigError(`FELLSIDE_SEED must be "demo" or "none", not "${seed}"`);
	}
	const sizeText = env.FELLSIDE_SEED_SIZE?.trim() || '400';
	const seedSize = Number(sizeText);
	if (!Number.isInteger(seedSize) || seedSize < 0 || seedSize > 200_000) {
		throw new ConfigError(`FELLSIDE_SEED_SIZE must be a whole number from 0 to 200000, not "${sizeText}"`);
	}
	const map = readMap(env);
	checkMapBuild(map, built);
	return { database: parseDatabaseUrl(env.DATABASE_URL), seed, seedSize, map };
}

function readMap(env: Record<string, string | undefined>): MapSources {
	try {
		return readMapSources(env);
	} catch (error) {
		if (error instanceof MapSourcesError) throw new ConfigError(error.message);
		throw error;
	}
}

/**
 * The page's Content-Security-Policy is fixed when the app is built: prerendered pages carry it in a
 * <meta> tag and the service worker keeps those pages on every device. So the map's origins are
 * read at build time too, and a server whose settings name other origins refuses to start rather
 * than serve pages that block its own map.
 */
export function checkMapBuild(map: MapSources, built: MapCspSources): void {
	const needed = cspSources(map);
	const same = (a: string[], b: string[]) => a.length === b.length && a.every((origin) => b.includes(origin));
	if (same(needed['img-src'], built['img-src']) && same(needed['connect-src'], built['connect-src'])) return;
	throw new ConfigError(
		`the map settings need ${describeOrigins(needed)}, but this build allows ${describeOrigins(built)}. ` +
			'Build again with the same FELLSIDE_TILE_* and FELLSIDE_FLOOD_WARNINGS* settings (npm run build)'
	);
}

function describeOrigins(sources: MapCspSources): string {
	const list = (origins: string[]) => (origins.length > 0 ? origins.join(' ') : 'none');
	return `tiles from ${list(sources['img-src'])} and connections to ${list(sources['connect-src'])}`;
}

/** Hide a password in a connection string before it reaches a log. */
export function redact(url: string): string {
	return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
