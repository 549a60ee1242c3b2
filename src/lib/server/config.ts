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
	auth: AuthConfig;
	/** The private key that signs the audit log's checkpoints (made on first start if missing). */
	auditKeyFile: string;
	/** Public keys that signed checkpoints before the key was replaced, if any. */
	auditPreviousKeysFile: string | null;
}

export interface AuthConfig {
	/** NODE_ENV=production: ORIGIN must be set and https. */
	production: boolean;
	/** The public address people use (ORIGIN); null only outside production. */
	origin: string | null;
	/**
	 * Whether the session cookie is Secure (and so `__Host-` prefixed). Always over https, and on
	 * this computer's own address, which browsers treat as secure; only plain http to another
	 * address (trying Fellside from a phone on the same network) has to do without.
	 */
	secureCookie: boolean;
	/** A session unused for this long ends. */
	sessionIdleMs: number;
	/** A session ends this long after sign-in, however much it is used: also the offline grant. */
	sessionMaxMs: number;
	/** Minutes without use before a device locks itself (its PIN or passphrase opens it again). */
	deviceLockMinutes: number;
}

const HOUR = 3_600_000;

export const DEFAULT_SQLITE_PATH = 'data/fellside.db';
export const DEFAULT_AUDIT_KEY_FILE = 'data/audit-signing-key.pem';

/** FELLSIDE_AUDIT_KEY_FILE, relative to the working directory; the same setting for the server and audit:verify. */
export function auditKeyFile(env: Record<string, string | undefined>, cwd = process.cwd()): string {
	return path.resolve(cwd, env.FELLSIDE_AUDIT_KEY_FILE?.trim() || DEFAULT_AUDIT_KEY_FILE);
}

/** FELLSIDE_AUDIT_PREVIOUS_KEYS, relative to the working directory; null when unset. */
export function auditPreviousKeysFile(
	env: Record<string, string | undefined>,
	cwd = process.cwd()
): string | null {
	const file = env.FELLSIDE_AUDIT_PREVIOUS_KEYS?.trim();
	return file ? path.resolve(cwd, file) : null;
}

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
	const seedSize = wholeNumber(env, 'FELLSIDE_SEED_SIZE', 400, 0, 200_000);
	const map = readMap(env);
	checkMapBuild(map, built);
	const auth = loadAuthConfig(env);
	return {
		database: parseDatabaseUrl(env.DATABASE_URL),
		seed,
		seedSize,
		map,
		auth,
		auditKeyFile: auditKeyFile(env),
		auditPreviousKeysFile: auditPreviousKeysFile(env)
	};
}

export function loadAuthConfig(env: Record<string, string | undefined>): AuthConfig {
	const production = env.NODE_ENV?.trim() === 'production';
	const origin = parseOrigin(env.ORIGIN, production);
	// Long enough to sync after days in the fells without signal; the device's own lock guards it between.
	const idleHours = wholeNumber(env, 'FELLSIDE_SESSION_IDLE_HOURS', 72, 1, 24 * 90);
	const maxDays = wholeNumber(env, 'FELLSIDE_SESSION_DAYS', 14, 1, 90);
	if (idleHours > maxDays * 24) {
		throw new ConfigError(
			`FELLSIDE_SESSION_IDLE_HOURS (${idleHours}) cannot be longer than FELLSIDE_SESSION_DAYS (${maxDays} days)`
		);
	}
	const loopback = origin !== null && ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
	return {
		production,
		origin,
		secureCookie: origin === null || origin.startsWith('https://') || loopback,
		sessionIdleMs: idleHours * HOUR,
		sessionMaxMs: maxDays * 24 * HOUR,
		deviceLockMinutes: wholeNumber(env, 'FELLSIDE_DEVICE_LOCK_MINUTES', 10, 1, 60)
	};
}

/** S20: in production the server must know its public https address, or cookies and CSRF checks cannot be right. */
function parseOrigin(raw: string | undefined, production: boolean): string | null {
	const value = raw?.trim();
	if (!value) {
		if (production) {
			throw new ConfigError(
				'ORIGIN must be set in production: the https:// address people use, e.g. https://fellside.example.gov.uk'
			);
		}
		return null;
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(`ORIGIN is not a web address: "${value}"`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new ConfigError(`ORIGIN must start with https:// (or http:// outside production), not "${value}"`);
	}
	if (production && url.protocol !== 'https:') {
		throw new ConfigError(`ORIGIN must be an https:// address in production, not "${value}"`);
	}
	return url.origin;
}

function wholeNumber(
	env: Record<string, string | undefined>,
	name: string,
	fallback: number,
	min: number,
	max: number
): number {
	const text = env[name]?.trim() || String(fallback);
	const value = Number(text);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
	}
	return value;
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
