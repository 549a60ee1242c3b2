import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '$lib/domain/sync/protocol';
import { migrateToLatest } from '../db/migrate';
import { ensureAreas } from '../db/reference-data';
import { available, testDatabases } from '../db/testing';
import { pull, pullJson } from '../sync/pull';
import { addSyncStaff, SYNC_SCOPE, SYNC_STAFF } from '../sync/testing';
import { seedDemoIfEmpty } from './seed';

describe.each(testDatabases)('demo seeding on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function freshDatabase() {
		const handle = await kind.open();
		cleanup = handle.cleanup;
		await migrateToLatest(handle.db);
		await ensureAreas(handle.db);
		return handle.db;
	}

	it.skipIf(!available(kind))('seeds once, and a second start changes nothing', async () => {
		const db = await freshDatabase();
		const first = await seedDemoIfEmpty(db, { size: 120 });
		expect(first).toMatchObject({ seeded: true, records: 120 });
		const snapshot = await db.selectFrom('record').selectAll().orderBy('id').execute();
		expect(snapshot).toHaveLength(120);

		const second = await seedDemoIfEmpty(db, { size: 120 });
		expect(second.seeded).toBe(false);
		expect(await db.selectFrom('record').selectAll().orderBy('id').execute()).toEqual(snapshot);
	});

	it.skipIf(!available(kind))('never seeds over data a person entered', async () => {
		const db = await freshDatabase();
		await db
			.insertInto('record')
			.values({
				id: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
				type: 'asset',
				area_id: 'eden',
				data: '{"name":"Real asset"}',
				created_at: '2026-11-01T00:00:00.000Z',
				updated_at: '2026-11-01T00:00:00.000Z'
			})
			.execute();
		expect((await seedDemoIfEmpty(db, { size: 50 })).seeded).toBe(false);
		expect(await db.selectFrom('record').select('id').execute()).toHaveLength(1);
	});

	it.skipIf(!available(kind))('stores staff with argon2id hashes, never the password', async () => {
		const db = await freshDatabase();
		const result = await seedDemoIfEmpty(db, { size: 10 });
		const staff = await db.selectFrom('staff').selectAll().execute();
		expect(staff).toHaveLength(result.staff.length);
		for (const row of staff) {
			expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
			expect(row.password_hash).not.toContain('fellside-demo');
			expect(JSON.parse(row.area_ids)).not.toHaveLength(0);
		}
	});

	it.skipIf(!available(kind))(
		'stores records as sync does: a first pull downloads every one, stamped',
		async () => {
			const handle = await kind.open();
			cleanup = handle.cleanup;
			await migrateToLatest(handle.db);
			await ensureAreas(handle.db);
			const now = '2026-11-23T10:00:00.000Z';
			await seedDemoIfEmpty(handle.db, { size: 700, now });
			await addSyncStaff(handle.db, SYNC_STAFF);
			const database = { db: handle.db, kind: handle.kind };
			const clientId = '0a1b2c3d-0000-4000-8000-00000000000a';
			const request = { protocol: 1 as const, schemaVersion: 1, clientId };
			const first = JSON.parse(
				pullJson(await pull(database, { ...request, cursor: null }, { scope: SYNC_SCOPE }))
			) as PullResponse;
			if (first.reset) throw new Error('a first pull never resets');
			expect(first).toMatchObject({ cursor: '500f700', more: true });
			const second = JSON.parse(
				pullJson(await pull(database, { ...request, cursor: first.cursor }, { scope: SYNC_SCOPE }))
			) as PullResponse;
			if (second.reset) throw new Error('a first pull never resets');
			expect(second).toMatchObject({ cursor: '700', more: false });
			const records = [...first.changes, ...second.changes].flatMap((c) =>
				c.kind === 'record' ? [c.record] : []
			);
			expect(new Set(records.map((r) => r.id)).size).toBe(700);
			for (const record of records) {
				expect(Object.keys(record.versions).sort()).toEqual(['@area', ...Object.keys(record.data)].sort());
				expect(new Set(Object.values(record.versions))).toEqual(new Set(['001795428000000-0000-server']));
				expect(record.archivedAt).toBeNull();
			}
		}
	);
});
