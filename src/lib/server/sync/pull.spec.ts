import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { areaIdSchema } from '$lib/domain/areas';
import { RECORD_TYPES } from '$lib/domain/records';
import type { PullChange, PullResponse } from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import { pullJson, type PullAnswer } from './pull';
import { purgeRecord, pruneTombstones } from './purge';
import { recordTextFromRow } from './rows';
import { DAY, HALL, openSyncDatabase, ProtocolDevice, serverClock, T0 } from './testing';

const changesOf = (pages: PullResponse[]): PullChange[] => pages.flatMap((p) => (p.reset ? [] : p.changes));

describe.each(testDatabases)('pull on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function setUp() {
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		const time = serverClock(T0 + 1000);
		const server = { database: opened.database, now: time.clock };
		return { database: opened.database, time, device: (name: string) => new ProtocolDevice(server, name) };
	}

	it.skipIf(!available(kind))(
		'pages 500 at a time in commit order; an edited record moves to the end',
		async () => {
			const { device } = await setUp();
			const anna = device('Anna');
			const created: string[] = [];
			for (let batch = 0; batch < 12; batch++) {
				for (let i = 0; i < 100; i++)
					created.push(anna.create({ ...HALL, name: `Hall ${batch}-${i}` }).recordId);
				await anna.push();
			}

			const ben = device('Ben');
			const pages = await ben.pull();
			expect(pages.map((p) => (p.reset ? 'reset' : [p.cursor, p.more, p.changes.length]))).toEqual([
				// A first download's cursors also carry where it began, until its last page.
				['500f1200', true, 500],
				['1000f1200', true, 500],
				['1200', false, 200]
			]);
			const order = changesOf(pages).map((c) => (c.kind === 'record' ? c.record.id : c.kind));
			expect(order).toEqual(created);

			// Nothing new: the same cursor, nothing more.
			expect(await ben.pull()).toEqual([{ cursor: '1200', more: false, changes: [] }]);

			await anna.pull();
			anna.edit(created[0] as string, { description: 'Edited last' });
			await anna.push();
			const next = await ben.pull();
			expect(next).toEqual([
				{
					cursor: '1201',
					more: false,
					changes: [{ kind: 'record', record: expect.objectContaining({ id: created[0] }) as unknown }]
				}
			]);
			const fresh = changesOf(await device('Cara').pull());
			expect(fresh).toHaveLength(1200);
			expect(fresh.at(-1)).toMatchObject({ kind: 'record', record: { id: created[0] } });
		}
	);

	it.skipIf(!available(kind))(
		'a device offline past the tombstone horizon is told to reset, then catches up from nothing',
		async () => {
			const { database, time, device } = await setUp();
			const anna = device('Anna');
			const kept = anna.create({ ...HALL, name: 'Kept' });
			const removed = anna.create({ ...HALL, name: 'Removed' });
			await anna.sync();
			const away = device('Away for months');
			await away.pull();
			const current = device('Syncs daily');
			await current.pull();

			expect(await purgeRecord(database, removed.recordId, { now: time.clock })).toBe(true);
			expect(changesOf(await current.pull())).toEqual([
				{ kind: 'tombstone', id: removed.recordId, type: 'asset' }
			]);

			time.advance(91 * DAY);
			expect(await pruneTombstones(database, new Date(time.clock() - 90 * DAY))).toBe(1);
			expect(await pruneTombstones(database, new Date(time.clock() - 90 * DAY))).toBe(0);

			const pages = await away.pull();
			expect(pages).toEqual([
				{ reset: true, reason: expect.stringContaining('download everything again') as string }
			]);
			// The reset: download from nothing. The removed record is simply absent.
			away.cursor = null;
			away.records.clear();
			await away.pull();
			expect([...away.records.keys()]).toEqual([kept.recordId]);

			// A device that already saw the tombstone carries on.
			expect(await current.pull()).toEqual([{ cursor: current.cursor, more: false, changes: [] }]);
		}
	);

	it.skipIf(!available(kind))(
		'a cursor beyond anything the server handed out (a restored server) resets',
		async () => {
			const { device } = await setUp();
			const anna = device('Anna');
			anna.cursor = '999';
			expect(await anna.pull()).toEqual([
				{ reset: true, reason: expect.stringContaining('restored') as string }
			]);
		}
	);

	it.skipIf(!available(kind))('removing a record for good takes its conflicts with it', async () => {
		const { database, device } = await setUp();
		const anna = device('Anna');
		const ben = device('Ben');
		const hall = anna.create();
		await anna.sync();
		await ben.sync();
		anna.edit(hall.recordId, { description: 'Anna' });
		ben.edit(hall.recordId, { description: 'Ben' });
		await anna.push();
		await ben.push();
		expect(await database.db.selectFrom('conflict').selectAll().execute()).toHaveLength(1);

		expect(await purgeRecord(database, hall.recordId)).toBe(true);
		expect(await purgeRecord(database, hall.recordId)).toBe(false);
		expect(await database.db.selectFrom('conflict').selectAll().execute()).toHaveLength(0);
		const log = await database.db.selectFrom('change_log').select(['kind', 'entity_id']).execute();
		expect(log).toEqual([{ kind: 'tombstone', entity_id: hall.recordId }]);
		expect(changesOf(await device('New').pull())).toEqual([
			{ kind: 'tombstone', id: hall.recordId, type: 'asset' }
		]);
	});

	it.skipIf(!available(kind))(
		'fetch gives the server copy of the records asked for and names the missing',
		async () => {
			const { device } = await setUp();
			const anna = device('Anna');
			const hall = anna.create();
			await anna.push();
			const unknown = '9d3c1e52-0000-4000-8000-000000000000';
			const answer = await anna.request('fetch', { ids: [hall.recordId, unknown, hall.recordId] });
			expect(answer).toMatchObject({
				status: 200,
				body: {
					records: [{ id: hall.recordId, data: HALL, versions: { name: hall.hlc } }],
					missing: [unknown]
				}
			});
		}
	);
});

describe("a pull's answer as text", () => {
	const stamp = fc.constantFrom('001767225600000-0000-server', '001767225600001-000a-0a1b2c3d');
	const storedRecord = fc.record({
		id: fc.uuid(),
		type: fc.constantFrom(...RECORD_TYPES),
		areaId: fc.constantFrom(...areaIdSchema.options),
		createdAt: fc.constant('2026-11-23T10:00:00.000Z'),
		updatedAt: fc.constant('2026-11-24T10:00:00.000Z'),
		archivedAt: fc.option(fc.constant('2026-11-25T10:00:00.000Z'), { nil: null }),
		data: fc.dictionary(fc.string(), fc.jsonValue()),
		versions: fc.dictionary(fc.string(), stamp)
	});
	const other: Exclude<PullChange, { kind: 'record' }>[] = [
		{ kind: 'tombstone', id: '0a1b2c3d-0000-4000-8000-00000000000a', type: 'visit' },
		{ kind: 'forget', id: '0a1b2c3d-0000-4000-8000-00000000000b', type: 'referral' }
	];

	it('is the same JSON as the parsed answer, whatever the records hold', () => {
		fc.assert(
			fc.property(fc.array(storedRecord, { maxLength: 5 }), fc.boolean(), (records, more) => {
				const answer: PullAnswer = {
					cursor: '12f3',
					more,
					changes: [
						...records.map((r) => ({
							kind: 'record' as const,
							record: { ...r, data: JSON.stringify(r.data), versions: JSON.stringify(r.versions) }
						})),
						...other
					]
				};
				const sent: PullResponse = {
					cursor: '12f3',
					more,
					changes: [...records.map((record) => ({ kind: 'record' as const, record })), ...other]
				};
				expect(pullJson(answer)).toBe(JSON.stringify(sent));
			})
		);
		const reset: PullAnswer = { reset: true, reason: 'Download everything again.' };
		expect(pullJson(reset)).toBe(JSON.stringify(reset));
	});

	it('refuses to send a record whose stored data is damaged', () => {
		const row = {
			id: '0a1b2c3d-0000-4000-8000-00000000000a',
			type: 'asset',
			area_id: 'eden',
			data: '{"name":"Greta Side Hall"',
			versions: '{}',
			created_at: '2026-11-23T10:00:00.000Z',
			updated_at: '2026-11-23T10:00:00.000Z',
			archived_at: null,
			created_by: null,
			assigned_to: null
		};
		expect(() => recordTextFromRow(row)).toThrow(/damaged/);
		expect(recordTextFromRow({ ...row, data: '{"name":"Greta Side Hall"}' }).data).toBe(
			'{"name":"Greta Side Hall"}'
		);
	});
});
