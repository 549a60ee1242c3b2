import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { openDatabase } from './database';

describe('openDatabase', () => {
	it('explains an unreachable PostgreSQL server in one line', async () => {
		// Port 1 (tcpmux) has no listener on any machine we run on.
		const port = 1;
		const attempt = openDatabase({
			kind: 'postgres',
			url: `postgres://fellside:secret@127.0.0.1:${port}/fellside`
		});
		await expect(attempt).rejects.toThrow(ConfigError);
		const error = await attempt.then(
			() => new Error('expected the connection to fail'),
			(e: unknown) => e as Error
		);
		expect(error.message).toMatch(
			new RegExp(`^Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/fellside \\(.*ECONNREFUSED`)
		);
		expect(error.message).not.toContain('secret');
		expect(error.message).not.toContain('\n');
	});

	it('explains a SQLite file that cannot be created', async () => {
		// A folder that is really a file: the kind of mistake DATABASE_URL can hold.
		const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-'));
		const file = path.join(dir, 'not-a-folder');
		writeFileSync(file, '');
		await expect(openDatabase({ kind: 'sqlite', path: path.join(file, 'x.db') })).rejects.toThrow(
			/^Cannot open the SQLite database at .*not-a-folder\/x\.db: cannot create the folder .*not-a-folder \(EEXIST\)$/
		);
		rmSync(dir, { recursive: true });
	});

	it('opens SQLite with durable settings', async () => {
		const handle = await openDatabase({ kind: 'sqlite', path: ':memory:' });
		const { sql } = await import('kysely');
		const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
		const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
		expect(sync.rows[0]?.synchronous).toBe(2); // FULL
		expect(fk.rows[0]?.foreign_keys).toBe(1);
		await handle.close();
	});
});
