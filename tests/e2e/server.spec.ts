import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startFellside } from '../../bench/lib/server';
import { sessionCookie } from './session';

/** Start the built server with a broken environment and return what it printed. */
function startBroken(env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['build'], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: '0', FELLSIDE_SEED: 'none', ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

test.describe('the server process', () => {
	test('a bad DATABASE_URL stops start-up with one clear line', () => {
		const result = startBroken({ DATABASE_URL: 'mysql://db.example.org/fellside' });
		expect(result.status).toBe(1);
		expect(result.stderr.split('\n')).toEqual([
			'Fellside cannot start: DATABASE_URL must be a SQLite file path or a postgres:// URL, not mysql://…'
		]);
	});

	test('an unreachable PostgreSQL stops start-up with one clear line, password hidden', () => {
		const result = startBroken({ DATABASE_URL: 'postgres://fellside:secret@127.0.0.1:1/fellside' });
		expect(result.status).toBe(1);
		const lines = result.stderr.split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^Fellside cannot start: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/fellside \(.*ECONNREFUSED/
		);
		expect(result.stderr).not.toContain('secret');
	});

	test('a bad setting is named in one line', () => {
		const result = startBroken({ DATABASE_URL: ':memory:', FELLSIDE_SEED_SIZE: 'lots' });
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(
			'Fellside cannot start: FELLSIDE_SEED_SIZE must be a whole number from 0 to 200000, not "lots"'
		);
	});

	test('S20: in production, no https ORIGIN stops start-up with one clear line', () => {
		const { ORIGIN: _origin, ...env } = process.env;
		const result = spawnSync(process.execPath, ['build'], {
			env: { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: ':memory:' },
			encoding: 'utf8',
			timeout: 30_000
		});
		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toBe(
			'Fellside cannot start: ORIGIN must be set in production: the https:// address people use, e.g. https://fellside.example.gov.uk'
		);
	});

	test('restarting keeps the data and seeds only the first time', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-restart-'));
		const databaseUrl = path.join(dir, 'fellside.db');
		const env = { FELLSIDE_SEED: 'demo', FELLSIDE_SEED_SIZE: '60' };
		// Everything a device would download on its first sync.
		const pullAll = async (url: string) => {
			const response = await fetch(`${url}/api/v1/sync/pull`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: await sessionCookie(url) },
				body: JSON.stringify({
					protocol: 1,
					schemaVersion: 1,
					clientId: randomUUID(),
					cursor: null,
					limit: 1000
				})
			});
			return (await response.json()) as { more: boolean; changes: unknown[] };
		};
		try {
			const first = await startFellside({ databaseUrl, env });
			const before = await pullAll(first.url);
			await first.stop();

			const second = await startFellside({ databaseUrl, env });
			const after = await pullAll(second.url);
			const health = await (await fetch(`${second.url}/api/v1/health`)).json();
			await second.stop();

			expect(before).toMatchObject({ more: false });
			expect(before.changes).toHaveLength(60);
			expect(after).toEqual(before);
			expect(health).toMatchObject({
				status: 'ok',
				database: { kind: 'sqlite', migrations: { current: true } }
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
