import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { exampleReferral } from '$lib/domain/referral/fixtures';
import type { RecordEnvelope } from '$lib/domain/records';
import { type DeviceDatabase, indexRecord } from '../store/database';
import { recordTypesFor, watchMapRecords } from './live-records';
import type { MapRecord } from './points';
import { storeIn, testDatabase } from '../store/testing';

const AT = '2026-01-20T09:00:00.000Z';
const envelope = (id: string, type: RecordEnvelope['type'], data: object): RecordEnvelope => ({
	id,
	type,
	areaId: 'allerdale',
	createdAt: AT,
	updatedAt: AT,
	data: data as Record<string, unknown>
});
/** Stored as a sync pull stores records: the map watches the table, whatever writes to it. */
const store = (records: RecordEnvelope[]) =>
	storeIn(db).records(records.map((r) => indexRecord({ ...r, versions: {} })));
const ASSET = '00000000-0000-4000-8000-000000000001';
const CONTACT = '00000000-0000-4000-8000-000000000002';
const REFERRAL = '00000000-0000-4000-8000-000000000003';

let db: DeviceDatabase;
beforeEach(() => {
	db = testDatabase('map');
});
afterEach(async () => {
	db.close();
	await db.delete();
});

/** Calls of the watcher, resolved one by one as they arrive. */
function calls() {
	const seen: MapRecord[][] = [];
	const waiting: ((records: MapRecord[]) => void)[] = [];
	return {
		push(records: MapRecord[]) {
			const next = waiting.shift();
			if (next) next(records);
			else seen.push(records);
		},
		next(): Promise<MapRecord[]> {
			const ready = seen.shift();
			return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
		}
	};
}

describe('the records the map watches', () => {
	it('reads the types of the layers that are on, and the visits that place referrals', () => {
		expect(recordTypesFor(['assets'])).toEqual(['asset']);
		expect(recordTypesFor(['referrals', 'floodGroups'])).toEqual(['floodGroup', 'visit', 'referral']);
		expect(recordTypesFor([])).toEqual([]);
	});

	it('reads them at once, and again when a download writes to the device', async () => {
		const heard = calls();
		const errors: string[] = [];
		const stop = watchMapRecords(
			db,
			recordTypesFor(['assets', 'referrals']),
			(records) => heard.push(records),
			(e) => errors.push(e)
		);
		expect(await heard.next()).toEqual([]);

		await store([
			envelope(ASSET, 'asset', exampleAsset()),
			// Not drawn on the map: a flood group's contact.
			envelope(CONTACT, 'floodContact', { name: 'Someone' }),
			envelope(REFERRAL, 'referral', exampleReferral())
		]);
		expect((await heard.next()).map((r) => r.id).sort()).toEqual([ASSET, REFERRAL]);

		// Archived on another device: gone from the map at the next change; removed by a sync: gone too.
		await db.records.update(ASSET, { archivedAt: AT });
		expect((await heard.next()).map((r) => r.id)).toEqual([REFERRAL]);
		await db.records.delete(REFERRAL);
		expect(await heard.next()).toEqual([]);
		stop();
		expect(errors).toEqual([]);
	});

	it("reads a burst of writes (a sync's pull) once it pauses, not once per write", async () => {
		const heard: MapRecord[][] = [];
		const stop = watchMapRecords(
			db,
			['asset'],
			(records) => heard.push(records),
			() => undefined
		);
		await vi.waitFor(() => expect(heard).toHaveLength(1));
		const id = (n: number) => `00000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;
		for (let n = 0; n < 20; n++) {
			await store([envelope(id(n), 'asset', exampleAsset())]);
		}
		await vi.waitFor(() => expect(heard.at(-1)).toHaveLength(20));
		// Twenty writes, read at most twice more (once if the writes took under the quiet time).
		expect(heard.length).toBeLessThanOrEqual(3);
		stop();
	});
});
