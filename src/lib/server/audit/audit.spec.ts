import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { available, testDatabases, type TestDatabase } from '../db/testing';
import { recordAudit, searchAudit, verifyAuditChain, type AuditEvent, type AuditStore } from '.';
import { TEST_AUDIT_KEY } from '../api/testing';
import { checkpointAudit } from './checkpoint';
import { loadAuditKey } from './key';
import { openAuditStore, tamper } from './testing';

const AT = new Date('2026-11-23T10:00:00.000Z');
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

const signIn = (staffId: string, minute: number): [AuditEvent, Date] => [
	{ action: 'sign-in', staffId, deviceId: 'device-1', ip: '192.0.2.1', details: { username: staffId } },
	minutes(minute)
];

describe.each(testDatabases)('the audit log on $kind', (kind: TestDatabase) => {
	let store: AuditStore;
	let url = '';
	let cleanup: (() => Promise<void>) | undefined;
	beforeEach(async () => {
		if (!available(kind)) return;
		({ store, url, cleanup } = await openAuditStore(kind));
		for (let i = 1; i <= 5; i++) await recordAudit(store, [signIn(`staff-${i}`, i)[0]], minutes(i));
		await recordAudit(
			store,
			[
				{ action: 'sync-push', staffId: 'staff-1', deviceId: 'device-1', details: { applied: 2 } },
				{
					action: 'record-update',
					staffId: 'staff-1',
					deviceId: 'device-1',
					targetType: 'visit',
					targetId: 'record-9',
					areaId: 'eden',
					details: { fields: ['notes', 'consent'], type: 'visit' }
				}
			],
			minutes(10)
		);
	});
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	it.skipIf(!available(kind))('chains every entry to the one before and verifies', async () => {
		expect(await verifyAuditChain(store.db, TEST_AUDIT_KEY)).toEqual({
			ok: true,
			entries: 7,
			checkpoints: 0,
			lastCheckpoint: null
		});
		const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
		expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
		for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
		expect(rows[6]?.details).toBe('{"fields":["notes","consent"],"type":"visit"}');
	});

	it.skipIf(!available(kind))('refuses to change or delete an entry', async () => {
		await expect(
			store.db.updateTable('audit_log').set({ action: 'sign-out' }).where('seq', '=', 2).execute()
		).rejects.toThrow(/append-only/);
		await expect(store.db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(
			/append-only/
		);
	});

	it.skipIf(!available(kind))('names the first altered entry when one row is edited', async () => {
		await tamper(store, (db) =>
			db.updateTable('audit_log').set({ staff_id: 'someone-else' }).where('seq', '=', 3).execute()
		);
		expect(await verifyAuditChain(store.db, TEST_AUDIT_KEY)).toMatchObject({
			ok: false,
			seq: 3,
			problem: expect.stringContaining('altered') as string
		});
	});

	it.skipIf(!available(kind))('detects an edit whose hash was recomputed, at the next entry', async () => {
		await tamper(store, (db) =>
			db
				.updateTable('audit_log')
				.set({ hash: 'f'.repeat(64) })
				.where('seq', '=', 4)
				.execute()
		);
		const check = await verifyAuditChain(store.db, TEST_AUDIT_KEY);
		expect(check).toMatchObject({ ok: false, seq: 4 });
	});

	it.skipIf(!available(kind))(
		'npm run audit:verify passes an intact log and names a tampered entry',
		async () => {
			const keys = mkdtempSync(path.join(os.tmpdir(), 'fellside-audit-key-'));
			const keyFile = path.join(keys, 'audit.pem');
			const verify = () =>
				spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit/verify.ts'], {
					env: { ...process.env, DATABASE_URL: url, FELLSIDE_AUDIT_KEY_FILE: keyFile },
					encoding: 'utf8',
					timeout: 60_000
				});
			const keyless = verify();
			expect(keyless.stderr).toContain(`There is no audit signing key at ${keyFile}`);
			expect(keyless.status).toBe(2);
			expect(existsSync(keyFile)).toBe(false);

			const key = loadAuditKey(keyFile, { create: true });
			const intact = verify();
			expect(intact.stdout.trim()).toBe(
				'Audit log intact: all 7 entries check out; no signed checkpoint yet.'
			);
			expect(intact.status).toBe(0);
			await checkpointAudit(store, key, minutes(30));
			expect(verify().stdout.trim()).toBe(
				`Audit log intact: all 7 entries check out; 1 signed checkpoint, the latest covering entries 1–7 (signed ${minutes(30).toISOString()}).`
			);

			await tamper(store, (db) =>
				db.updateTable('audit_log').set({ at: '2026-11-24T00:00:00.000Z' }).where('seq', '=', 6).execute()
			);
			const tampered = verify();
			expect(tampered.status).toBe(1);
			expect(tampered.stderr).toContain('Audit log NOT intact at entry 6 (written 2026-11-24T00:00:00.000Z)');
			expect(tampered.stderr).toContain('The 5 entries before it check out.');
			rmSync(keys, { recursive: true });
		}
	);

	it.skipIf(!available(kind))('detects a deleted entry', async () => {
		await tamper(store, (db) => db.deleteFrom('audit_log').where('seq', '=', 5).execute());
		expect(await verifyAuditChain(store.db, TEST_AUDIT_KEY)).toMatchObject({
			ok: false,
			seq: 5,
			problem: expect.stringContaining('missing') as string
		});
	});

	it.skipIf(!available(kind))('searches by filter, newest first, in pages', async () => {
		const all = await searchAudit(store.db, { limit: 3 });
		expect(all.entries.map((e) => e.seq)).toEqual([7, 6, 5]);
		expect(all.next).toBe(5);
		const older = await searchAudit(store.db, { limit: 3, before: 5 });
		expect(older.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
		const last = await searchAudit(store.db, { limit: 3, before: 2 });
		expect(last).toMatchObject({ next: null });
		expect(last.entries.map((e) => e.seq)).toEqual([1]);

		const pushes = await searchAudit(store.db, { limit: 50, action: 'sync-push' });
		expect(pushes.entries).toHaveLength(1);
		const byStaff = await searchAudit(store.db, { limit: 50, staffId: 'staff-1' });
		expect(byStaff.entries.map((e) => e.action)).toEqual(['record-update', 'sync-push', 'sign-in']);
		const byRecord = await searchAudit(store.db, { limit: 50, targetId: 'record-9' });
		expect(byRecord.entries[0]).toMatchObject({
			action: 'record-update',
			areaId: 'eden',
			details: { fields: ['notes', 'consent'] }
		});
		const window = await searchAudit(store.db, {
			limit: 50,
			from: minutes(2).toISOString(),
			to: minutes(4).toISOString()
		});
		expect(window.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
	});

	it.skipIf(!available(kind))('keeps one unbroken chain when many write at once', async () => {
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => recordAudit(store, [signIn(`racer-${i}`, 20)[0]], minutes(20)))
		);
		expect(await verifyAuditChain(store.db, TEST_AUDIT_KEY)).toEqual({
			ok: true,
			entries: 27,
			checkpoints: 0,
			lastCheckpoint: null
		});
	});
});
