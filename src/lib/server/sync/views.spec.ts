import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import { TEST_AUDIT_KEY } from '../api/testing';
import { searchAudit, verifyAuditChain } from '../audit';
import { available, testDatabases } from '../db/testing';
import type { SyncServer } from './http';
import { openSyncDatabase, ProtocolDevice, SYNC_STAFF, T0, type Fields } from './testing';

/** Views of sensitive records made on a device reach the audit log at its next sync, each once. */

const DEVICE = 'c0ffee00-0000-4000-8000-0000000000aa';
const at = (minutes: number) => new Date(T0 - minutes * 60_000).toISOString();

describe.each(testDatabases)('views reported by a device, on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function setUp() {
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		const server: SyncServer = { database: opened.database, now: () => T0 };
		// Signed in on a device the server knows by its id: sign-ins and syncs name the same one.
		const tablet = new ProtocolDevice(server, "Anna's tablet", () => T0, { ...SYNC_STAFF, deviceId: DEVICE });
		return { db: opened.database.db, tablet };
	}

	it.skipIf(!available(kind))(
		'records each view as its person and device, with when it happened and the record’s area',
		async () => {
			const { db, tablet } = await setUp();
			const visit = tablet.create(exampleVisit() as unknown as Fields, 'eden', 'visit');
			await tablet.push();
			const madeOffline = randomUUID();
			const answer = await tablet.request('views', {
				views: [
					{ id: 1, recordId: visit.recordId, type: 'visit', at: at(90), offline: true },
					{ id: 2, recordId: madeOffline, type: 'referral', at: at(30), offline: false }
				]
			});
			expect(answer).toEqual({ status: 200, body: { lastViewId: 2 } });

			const { entries } = await searchAudit(db, { limit: 10, action: 'record-viewed' });
			expect(entries.reverse()).toMatchObject([
				{
					staffId: SYNC_STAFF.staffId,
					deviceId: DEVICE,
					targetType: 'visit',
					targetId: visit.recordId,
					areaId: 'eden',
					at: new Date(T0).toISOString(),
					details: { on: 'device', viewedAt: at(90), offline: true, view: 1, client: tablet.clientId }
				},
				// Not on the server (yet): recorded all the same, without an area.
				{ targetType: 'referral', targetId: madeOffline, areaId: null, details: { view: 2 } }
			]);
			expect(await verifyAuditChain(db, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
		}
	);

	it.skipIf(!available(kind))(
		'records a record saved to a file as exported, whatever its type, and only exports of other types',
		async () => {
			const { db, tablet } = await setUp();
			const asset = randomUUID();
			const answer = await tablet.request('views', {
				views: [
					{ id: 1, recordId: asset, type: 'asset', kind: 'export', at: at(10), offline: true },
					{ id: 2, recordId: randomUUID(), type: 'visit', kind: 'view', at: at(5), offline: false }
				]
			});
			expect(answer).toEqual({ status: 200, body: { lastViewId: 2 } });
			const { entries } = await searchAudit(db, { limit: 10, action: 'record-exported' });
			expect(entries).toMatchObject([
				{
					staffId: SYNC_STAFF.staffId,
					deviceId: DEVICE,
					targetType: 'asset',
					targetId: asset,
					details: { on: 'device', exportedAt: at(10), offline: true, view: 1, client: tablet.clientId }
				}
			]);
			expect(entries[0]?.details).not.toHaveProperty('viewedAt');
			expect((await searchAudit(db, { limit: 10, action: 'record-viewed' })).entries).toHaveLength(1);
			const refused = await tablet.request('views', {
				views: [{ id: 3, recordId: randomUUID(), type: 'asset', kind: 'view', at: at(1), offline: false }]
			});
			expect(refused.status).toBe(400);
			expect(JSON.stringify(refused.body)).toMatch(/Only views of visit/);
		}
	);

	it.skipIf(!available(kind))('a report resent after a lost answer is recorded once', async () => {
		const { db, tablet } = await setUp();
		const view = (id: number) => ({
			id,
			recordId: randomUUID(),
			type: 'floodHousehold',
			at: at(id),
			offline: true
		});
		const first = [view(1), view(2)];
		await tablet.request('views', { views: first });
		const again = await tablet.request('views', { views: [...first, view(3)] });
		expect(again.body).toEqual({ lastViewId: 3 });
		const replay = await tablet.request('views', { views: first });
		expect(replay.body).toEqual({ lastViewId: 3 });

		const { entries } = await searchAudit(db, { limit: 10, action: 'record-viewed' });
		expect(entries.map((e) => e.details.view).sort()).toEqual([1, 2, 3]);
		const client = await db
			.selectFrom('sync_client')
			.select('last_view_id')
			.where('id', '=', tablet.clientId)
			.executeTakeFirstOrThrow();
		expect(Number(client.last_view_id)).toBe(3);
	});

	it.skipIf(!available(kind))(
		'refuses a broken report, saying what is wrong, and records none of it',
		async () => {
			const { db, tablet } = await setUp();
			const good = { id: 1, recordId: randomUUID(), type: 'visit', at: at(5), offline: false };
			const cases: [Record<string, unknown>[], RegExp][] = [
				[[good, { ...good, id: 1 }], /in the order they happened/],
				[[{ ...good, type: 'asset' }], /Only views of visit, referral, floodHousehold, floodContact/],
				[[{ ...good, at: 'yesterday' }], /at must be an ISO date-time/],
				[[{ ...good, id: -4 }], /views\.0\.id/],
				[[{ ...good, notes: 'PLANTED-HEALTH' }], /notes/],
				[[{ ...good, kind: 'print' }], /kind must be 'view' or 'export'/],
				[[], /at least one view/]
			];
			for (const [views, message] of cases) {
				const answer = await tablet.request('views', { views });
				expect(answer.status, JSON.stringify(views)).toBe(400);
				expect(JSON.stringify(answer.body)).toMatch(message);
			}
			expect((await searchAudit(db, { limit: 10, action: 'record-viewed' })).entries).toEqual([]);
		}
	);

	it.skipIf(!available(kind))(
		'a pull that sends records is audited as counts; an empty one is not',
		async () => {
			const { db, tablet } = await setUp();
			tablet.create(exampleVisit() as unknown as Fields, 'eden', 'visit');
			tablet.create();
			await tablet.push();
			await tablet.pull();
			await tablet.pull();
			const { entries } = await searchAudit(db, { limit: 10, action: 'sync-pull' });
			expect(entries).toHaveLength(1);
			expect(entries[0]).toMatchObject({
				staffId: SYNC_STAFF.staffId,
				deviceId: DEVICE,
				details: {
					client: tablet.clientId,
					records: 2,
					sensitive: 1,
					conflicts: 0,
					removed: 0,
					forgotten: 0,
					firstDownload: true
				}
			});
		}
	);
});
