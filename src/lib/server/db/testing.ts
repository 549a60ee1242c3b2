import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './database';

/**
 * Test support: a fresh, empty database of each kind. PostgreSQL runs when FELLSIDE_TEST_PG_URL
 * points at a server (`npm test` starts one); each test gets its own database, dropped afterwards.
 */
export interface TestDatabase {
	kind: 'sqlite' | 'postgres';
	open(): Promise<DatabaseHandle & { url: string; cleanup(): Promise<void> }>;
}

export const postgresUrl = process.env.FELLSIDE_TEST_PG_URL || '';

export const sqliteTestDatabase: TestDatabase = {
	kind: 'sqlite',
	async open() {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-test-'));
		const url = path.join(dir, 'test.db');
		const handle = await openDatabase({ kind: 'sqlite', path: url });
		return {
			...handle,
			url,
			async cleanup() {
				await handle.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
};

export const postgresTestDatabase: TestDatabase = {
	kind: 'postgres',
	async open() {
		const name = `fellside_test_${randomBytes(6).toString('hex')}`;
		await admin(`CREATE DATABASE ${name}`);
		const url = new URL(postgresUrl);
		url.pathname = `/${name}`;
		const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
		return {
			...handle,
			url: url.toString(),
			async cleanup() {
				await handle.close();
				await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			}
		};
	}
};

/** Both kinds when PostgreSQL is available, else SQLite alone (the PostgreSQL cases show as skipped). */
export const testDatabases: TestDatabase[] = [sqliteTestDatabase, postgresTestDatabase];
export const available = (db: TestDatabase) => db.kind === 'sqlite' || postgresUrl !== '';

async function admin(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: postgresUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
