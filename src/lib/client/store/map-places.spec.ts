import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { PLAIN_FIELDS } from '$lib/domain/privacy';
import { assetKind } from '$lib/domain/record-kinds';
import type { RecordEnvelope } from '$lib/domain/records';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import { readMapRecords } from '../map/live-records';
import { mapPoints } from '../map/points';
import { DeviceDatabase, indexRecord, type RecordRow } from './database';
import { MAP_PLACE_FIELDS, MAP_PLACE_TYPES, MIRROR_MAX, mapPlaceOf } from './map-places';
import { RecordRepository } from './repository';
import { steppedOptions, storedIn, storeIn, testCipher, testDatabase, testId } from './testing';

const AT = '2026-11-20T10:00:00.000Z';
/** A write of this many of the map's records marks its rows stale. */
const MAP_PLACES_LARGE = MIRROR_MAX + 1;
const envelope = (n: number, type: RecordEnvelope['type'], data: object): RecordEnvelope => ({
	id: testId(n),
	type,
	areaId: 'eden',
	createdAt: AT,
	updatedAt: AT,
	data: data as Record<string, unknown>
});
const stored = (records: RecordEnvelope[]) => records.map((r) => indexRecord({ ...r, versions: {} }));

let db: DeviceDatabase;
beforeEach(() => {
	db = testDatabase('map-places');
});
afterEach(async () => {
	db.close();
	await db.delete();
});

/** The map's rows must be exactly what the records imply: one per live record of a kept type. */
async function expectInStep(): Promise<void> {
	const rows = await db.records.orderBy('id').toArray();
	const expected = rows.flatMap((row) => mapPlaceOf(row) ?? []);
	expect(await db.mapPlaces.orderBy('id').toArray()).toEqual(expected);
}

describe("the map's own rows", () => {
	it('keep only fields the privacy allow-list already leaves plain', () => {
		for (const type of MAP_PLACE_TYPES) {
			const plain: readonly string[] = PLAIN_FIELDS[type];
			expect(MAP_PLACE_FIELDS[type].filter((field) => !plain.includes(field))).toEqual([]);
		}
	});

	it('place records on the map exactly as the whole records do', async () => {
		const assets = [
			exampleAsset(),
			exampleAsset({
				kind: 'skill',
				name: 'Dry-stone walling',
				status: 'temporarilyClosed',
				lifecycle: 'draft'
			}),
			exampleAsset({ location: undefined }),
			{ ...exampleAsset(), kind: 'no such kind' }
		].map((data, i) => envelope(i + 1, 'asset', data));
		await storeIn(db).records(stored(assets));
		const whole = await storedIn(db).records();
		expect(mapPoints((await readMapRecords(db, ['asset'])).records)).toEqual(mapPoints(whole));
		expect(mapPoints(whole).points).toHaveLength(2);
	});

	it('are read without opening any sealed field', async () => {
		await storeIn(db).records(stored([envelope(1, 'asset', exampleAsset())]));
		// The same store under a key that opens nothing: assets still come, whole.
		const other = new DeviceDatabase(db.name, { cipher: testCipher() });
		try {
			const { records } = await readMapRecords(other, ['asset']);
			expect(records.map((r) => r.id)).toEqual([testId(1)]);
			expect((await readMapRecords(other, ['asset', 'visit'])).records).toHaveLength(1);
			await storeIn(db).records(stored([envelope(2, 'visit', exampleVisit())]));
			await expect(readMapRecords(other, ['visit'])).rejects.toThrow(/cannot be decrypted/);
		} finally {
			other.close();
		}
	});

	it('follow every way records are written, archived and removed', async () => {
		const assets = new RecordRepository(db, assetKind, steppedOptions());
		const hall = await assets.create('eden', exampleAsset());
		await assets.create('eden', exampleAsset());
		await expectInStep();
		await assets.update(hall.id, exampleAsset({ name: 'Greta Side Hall' }));
		expect((await db.mapPlaces.get(hall.id))?.data.name).toBe('Greta Side Hall');
		await assets.archive(hall.id);
		expect(await db.mapPlaces.get(hall.id)).toBeUndefined();
		await assets.restore(hall.id);
		await expectInStep();
		expect(await db.mapPlaces.count()).toBe(2);

		// As a download and sync write them: straight into the table, many at once.
		await storeIn(db).records(
			stored([envelope(3, 'asset', exampleAsset()), envelope(4, 'visit', exampleVisit())])
		);
		await db.records.update(testId(3), { archivedAt: AT });
		await db.records
			.where('type')
			.equals('asset')
			.modify((row: RecordRow) => {
				row.areaId = 'allerdale';
			});
		await expectInStep();
		expect((await db.mapPlaces.toArray()).map((p) => p.areaId)).toEqual(['allerdale', 'allerdale']);
		await db.records.bulkDelete([hall.id]);
		await expectInStep();
		await db.records.where('type').equals('asset').delete();
		await expectInStep();
		await storeIn(db).records(stored([envelope(5, 'asset', exampleAsset())]));
		await db.records.clear();
		expect(await db.mapPlaces.count()).toBe(0);
	});

	it('are not changed by a write that fails or a transaction that is undone', async () => {
		await storeIn(db).records(stored([envelope(1, 'asset', exampleAsset())]));
		const [row] = await db.records.toArray();
		if (!row) throw new Error('not stored');
		// An add of an id already there fails; the name it carried must not reach the map.
		await expect(
			db.records.bulkAdd([{ ...row, data: { ...row.data, name: 'Not this one' } }])
		).rejects.toThrow();
		await expect(
			db.write(async () => {
				await db.records.put({ ...row, data: { ...row.data, name: 'Nor this' } });
				throw new Error('undone');
			})
		).rejects.toThrow('undone');
		expect((await db.mapPlaces.get(testId(1)))?.data.name).toBe('Greta Side Community Hall');
	});

	it('are read from their copy in one row while no record has changed since it was made', async () => {
		const ids = async () => (await readMapRecords(db, ['asset'])).records.map((r) => r.id);
		await storeIn(db).records(stored([envelope(1, 'asset', exampleAsset())]));
		const first = await readMapRecords(db, ['asset']);
		if (!first.keepCopy) throw new Error('no copy yet, so the read must offer to make one');
		// A change after the read: the copy it would make is out of date, so it is not kept.
		await storeIn(db).records(stored([envelope(2, 'asset', exampleAsset())]));
		await first.keepCopy();
		expect(await db.mapPlacesCopy.get('copy')).toBeUndefined();

		const second = await readMapRecords(db, ['asset']);
		await second.keepCopy?.();
		const fromCopy = await readMapRecords(db, ['asset']);
		expect(fromCopy.keepCopy).toBeUndefined();
		expect(fromCopy.records).toEqual(second.records);
		expect(await ids()).toEqual([testId(1), testId(2)]);

		// Any change to the records makes the copy stale: the rows are read again, changed.
		await db.records.update(testId(1), { archivedAt: AT });
		const after = await readMapRecords(db, ['asset']);
		expect(after.keepCopy).toBeDefined();
		expect(after.records.map((r) => r.id)).toEqual([testId(2)]);
		// A visit is not one of the map's rows: storing one leaves the copy current.
		await after.keepCopy?.();
		await storeIn(db).records(stored([envelope(3, 'visit', exampleVisit())]));
		expect((await readMapRecords(db, ['asset'])).keepCopy).toBeUndefined();
	});

	it('are marked stale by a large write, read from the records meanwhile, then made again', async () => {
		const many = (from: number, name: string, length = MAP_PLACES_LARGE) =>
			stored(
				Array.from({ length }, (_, i) => envelope(from + i, 'asset', exampleAsset({ name: `${name} ${i}` })))
			);
		await storeIn(db).records(
			stored([envelope(1, 'asset', exampleAsset()), envelope(2, 'visit', exampleVisit())])
		);
		await (await readMapRecords(db, ['asset'])).keepCopy?.();
		const firstCopy = await db.mapPlacesCopy.get('copy');
		expect(firstCopy).toBeDefined();
		await storeIn(db).records(many(10, 'Hall'));
		expect(await db.mapPlacesCopy.get('stale')).toBeDefined();
		// Not mirrored: the rows still hold only the first asset.
		expect(await db.mapPlaces.count()).toBe(1);
		// A small write meanwhile is mirrored as ever and leaves the rows stale.
		await db.records.update(testId(1), { archivedAt: AT });
		expect(await db.mapPlaces.count()).toBe(0);
		expect(await db.mapPlacesCopy.get('stale')).toBeDefined();
		const read = await readMapRecords(db, ['asset']);
		const whole = await storedIn(db).records();
		expect(mapPoints(read.records)).toEqual(
			mapPoints(whole.filter((r) => r.type === 'asset' && !r.archivedAt))
		);
		expect(read.records.filter((r) => r.type === 'asset')).toHaveLength(MAP_PLACES_LARGE);

		// A change between the read and the copy: nothing is made from the out-of-date read.
		// More than are written again at once: the rows are made in pieces.
		await storeIn(db).records(many(500, 'Room', 1200));
		await read.keepCopy?.();
		expect(await db.mapPlacesCopy.get('copy')).toEqual(firstCopy);
		expect(await db.mapPlacesCopy.get('stale')).toBeDefined();

		const again = await readMapRecords(db, ['asset']);
		expect(again.records).toHaveLength(MAP_PLACES_LARGE + 1200);
		await again.keepCopy?.();
		expect(await db.mapPlacesCopy.get('stale')).toBeUndefined();
		await expectInStep();
		const fromCopy = await readMapRecords(db, ['asset']);
		expect(fromCopy.keepCopy).toBeUndefined();
		expect(fromCopy.records).toEqual(again.records);
	});

	it('are mirrored as ever by a large write that holds few of them', async () => {
		const visits = Array.from({ length: MAP_PLACES_LARGE }, (_, i) =>
			envelope(10 + i, 'visit', exampleVisit())
		);
		await storeIn(db).records(stored([...visits, envelope(1, 'asset', exampleAsset())]));
		expect(await db.mapPlacesCopy.get('stale')).toBeUndefined();
		await expectInStep();
	});

	it('are made for the records already on a device when it upgrades', async () => {
		const name = `map-places-upgrade-${Math.random()}`;
		const cipher = testCipher();
		const before = new DeviceDatabase(name, { cipher });
		const rows = await before.seal.records(
			stored([envelope(1, 'asset', exampleAsset()), envelope(2, 'visit', exampleVisit())])
		);
		before.close();
		// The store as version 5 left it: the same tables, no map rows.
		const v5 = new Dexie(name);
		v5.version(5).stores({
			records:
				'id, type, [type+updatedAt], [type+areaId+updatedAt], [type+status+updatedAt], [type+assignee+updatedAt]',
			outbox: '++seq, recordId, *resolves',
			refused: '++id, entry.recordId',
			conflicts: 'id, recordId, status',
			drafts: 'key, updatedAt',
			meta: 'key'
		});
		await v5.table('records').bulkAdd(rows);
		v5.close();
		const upgraded = new DeviceDatabase(name, { cipher });
		try {
			expect((await upgraded.mapPlaces.toArray()).map((p) => p.id)).toEqual([testId(1)]);
		} finally {
			upgraded.close();
			await Dexie.delete(name);
		}
	});
});
