import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { ConfigError, redact, type DatabaseConfig } from '../config';
import type { Database } from './schema';
import { keepingStatements } from './statements';

export interface DatabaseHandle {
	db: Kysely<Database>;
	kind: DatabaseConfig['kind'];
	close(): Promise<void>;
}

/** Open the configured database and prove it answers; a failure is a ConfigError with one clear line. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	const handle = config.kind === 'sqlite' ? openSqlite(config.path) : openPostgres(config.url);
	try {
		await sql`select 1`.execute(handle.db);
	} catch (error) {
		await handle.close().catch(() => undefined);
		throw new ConfigError(describeConnectError(config, error));
	}
	return handle;
}

function openSqlite(file: string): DatabaseHandle {
	let native: SQLite.Database;
	if (file !== ':memory:') {
		const folder = path.dirname(file);
		try {
			fs.mkdirSync(folder, { recursive: true });
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			throw new ConfigError(
				`Cannot open the SQLite database at ${file}: cannot create the folder ${folder} (${code})`
			);
		}
	}
	try {
		native = new SQLite(file);
		// An acknowledgement lets a device delete its only copy, so commits must survive power loss:
		// WAL with synchronous=FULL, never NORMAL.
		native.pragma('journal_mode = WAL');
		native.pragma('synchronous = FULL');
		native.pragma('foreign_keys = ON');
		native.pragma('busy_timeout = 5000');
	} catch (error) {
		throw new ConfigError(`Cannot open the SQLite database at ${file}: ${messageOf(error)}`);
	}
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(native) }) });
	return { db, kind: 'sqlite', close: () => db.destroy() };
}

function openPostgres(url: string): DatabaseHandle {
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
	// An idle client losing its connection must not crash the server; the pool replaces it.
	pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { db, kind: 'postgres', close: () => db.destroy() };
}

function describeConnectError(config: DatabaseConfig, error: unknown): string {
	if (config.kind === 'sqlite')
		return `Cannot use the SQLite database at ${config.path}: ${messageOf(error)}`;
	const url = new URL(config.url);
	const where = `${url.hostname || 'localhost'}:${url.port || 5432}${url.pathname}`;
	return `Cannot connect to PostgreSQL at ${where} (${messageOf(error)}). Check DATABASE_URL: ${redact(config.url)}`;
}

function messageOf(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
	if (error instanceof Error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code && !error.message.includes(code)
			? `${code}: ${error.message}`
			: error.message || String(code);
	}
	return String(error);
}
