import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import { TEST_AUDIT_KEY } from '../api/testing';
import { searchAudit, verifyAuditChain } from '../audit';
import type { Actor } from '../auth/actor';
import { available, testDatabases } from '../db/testing';
import type { SyncServer } from './http';
import { addSyncStaff, openSyncDatabase, ProtocolDevice, SYNC_STAFF, T0, type Fields } from './testing';

/** Who synced: recorded on the device, on both sides of a conflict, and in the audit log. */

const HEALTH_MARKER = 'PLANTED-HEALTH-7731 advanced dementia, insulin-dependent diabetes';

/** A pull's audit details: counts only. */
const pulled = (records: number, sensitive: number, firstDownload: boolean) => ({
	records,
	sensitive,
	conflicts: 0,
	removed: 0,
	forgotten: 0,
	firstDownload,
	more: false
});

const staff = (username: string): Actor => ({
	...SYNC_STAFF,
	staffId: randomUUID(),
	username,
	displayName: username,
	// Managers may change every kind of record in their areas: this is about who, not what.
	role: 'manager',
	areaIds: ['eden']
});

describe.each(testDatabases)('sync records who acted, on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function setUp() {
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		const server: SyncServer = { database: opened.database, now: () => T0 };
		const anna = await addSyncStaff(opened.database.db, staff('anna'));
		const ben = await addSyncStaff(opened.database.db, staff('ben'));
		return { db: opened.database.db, server, anna, ben };
	}

	it.skipIf(!available(kind))(
		'names the member of staff on the device and on each side of a conflict',
		async () => {
			const { db, server, anna, ben } = await setUp();
			const tablet = new ProtocolDevice(server, "Anna's tablet", () => T0, anna);
			const phone = new ProtocolDevice(server, "Ben's phone", () => T0 + 5000, ben);
			const hall = tablet.create();
			await tablet.sync();
			await phone.sync();
			tablet.edit(hall.recordId, { name: 'Hall (Anna)' });
			phone.edit(hall.recordId, { name: 'Hall (Ben)' });
			await tablet.sync();
			await phone.push();

			const clients = await db.selectFrom('sync_client').select(['id', 'staff_id']).execute();
			expect(new Map(clients.map((c) => [c.id, c.staff_id]))).toEqual(
				new Map([
					[tablet.clientId, anna.staffId],
					[phone.clientId, ben.staffId]
				])
			);
			const conflict = await db.selectFrom('conflict').select(['kept', 'other']).executeTakeFirstOrThrow();
			expect(JSON.parse(conflict.kept)).toMatchObject({ value: 'Hall (Ben)', staffId: ben.staffId });
			expect(JSON.parse(conflict.other)).toMatchObject({ value: 'Hall (Anna)', staffId: anna.staffId });
		}
	);

	it.skipIf(!available(kind))(
		'audits every push and each change it applied, by name and id, never the values',
		async () => {
			const { db, server, anna } = await setUp();
			const tablet = new ProtocolDevice(server, "Anna's tablet", () => T0, anna);
			const visit = exampleVisit({ notes: HEALTH_MARKER }) as unknown as Fields;
			const created = tablet.create(visit, 'eden', 'visit');
			const refused = tablet.create({ notes: HEALTH_MARKER }, 'eden', 'visit');
			await tablet.sync();
			tablet.edit(created.recordId, { notes: `${HEALTH_MARKER} (updated)` }, 'visit');
			tablet.archive(created.recordId, 'visit');
			await tablet.sync();

			const { entries } = await searchAudit(db, { limit: 50, staffId: anna.staffId });
			expect(entries.reverse().map((e) => [e.action, e.targetId, e.details])).toEqual([
				['sync-push', null, { changes: 2, applied: 1, rejected: 1, replayed: 0, client: tablet.clientId }],
				['record-create', created.recordId, { mutation: 1, fields: Object.keys(visit).sort(), conflicts: 0 }],
				['sync-pull', null, { ...pulled(1, 1, true), client: tablet.clientId }],
				['sync-push', null, { changes: 2, applied: 2, rejected: 0, replayed: 0, client: tablet.clientId }],
				['record-update', created.recordId, { mutation: 3, fields: ['notes'], conflicts: 0 }],
				['record-archive', created.recordId, { mutation: 4, fields: [], conflicts: 0 }],
				['sync-pull', null, { ...pulled(1, 1, false), client: tablet.clientId }]
			]);
			for (const entry of entries) {
				expect(entry).toMatchObject({ deviceId: tablet.clientId, staffId: anna.staffId });
				if (entry.targetId) expect(entry).toMatchObject({ targetType: 'visit', areaId: 'eden' });
			}
			expect(refused.recordId).not.toBe(created.recordId);
			const everything = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
			expect(everything).not.toContain('PLANTED-HEALTH');
			expect(everything).not.toContain('Eileen');
			expect(await verifyAuditChain(db, TEST_AUDIT_KEY)).toMatchObject({ ok: true, entries: 7 });
		}
	);

	it.skipIf(!available(kind))(
		'a replayed push is audited as a replay and applies nothing twice',
		async () => {
			const { db, server } = await setUp();
			const device = new ProtocolDevice(server, 'Phone');
			const change = device.create();
			await device.push([change]);
			await device.push([change]);
			const { entries } = await searchAudit(db, { limit: 10, action: 'sync-push' });
			expect(entries.map((e) => e.details)).toEqual([
				{ changes: 1, applied: 0, rejected: 0, replayed: 1, client: device.clientId },
				{ changes: 1, applied: 1, rejected: 0, replayed: 0, client: device.clientId }
			]);
			expect((await searchAudit(db, { limit: 10, action: 'record-create' })).entries).toHaveLength(1);
		}
	);
});
