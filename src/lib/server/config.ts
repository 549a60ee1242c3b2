import path from 'node:path';

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

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
	const seed = (env.FELLSIDE_SEED ?? 'none').trim();
	if (seed !== 'demo' && seed !== 'none') {
		throw new ConfigError(`FELLSIDE_SEED must be "demo" or "none", not "${seed}"`);
	}
	const sizeText = env.FELLSIDE_SEED_SIZE?.trim() || '400';
	const seedSize = Number(sizeText);
	if (!Number.isInteger(seedSize) || seedSize < 0 || seedSize > 200_000) {
		throw new ConfigError(`FELLSIDE_SEED_SIZE must be a whole number from 0 to 200000, not "${sizeText}"`);
	}
	return { database: parseDatabaseUrl(env.DATABASE_URL), seed, seedSize };
}

/** Hide a password in a connection string before it reaches a log. */
export function redact(url: string): string {
	return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
