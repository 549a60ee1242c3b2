import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDatabase } from './database';
import { DraftStore } from './drafts';
import { reopened, testDatabase } from './testing';

describe('DraftStore', () => {
	let db: DeviceDatabase;
	let drafts: DraftStore;
	let tick = 0;
	beforeEach(() => {
		db = testDatabase('drafts');
		drafts = new DraftStore(db, () => new Date(Date.UTC(2026, 10, 23, 9, tick++)).toISOString());
	});
	afterEach(async () => {
		await db.delete();
	});

	it('keeps a draft across a reopened database, as after a reload or crash', async () => {
		const values = { address: { line1: '14 Main Street', town: 'Keswick' }, occupants: [{ name: 'Jean' }] };
		await drafts.save({
			key: 'visit:new',
			label: 'your visit at 14 Main Street',
			path: '/visits/new',
			values
		});
		db.close();
		const again = reopened(db);
		expect((await new DraftStore(again).get('visit:new'))?.values).toEqual(values);
		again.close();
	});

	it('replaces a draft as typing goes on, lists newest first, and discards', async () => {
		await drafts.save({ key: 'a', label: 'A', path: '/a', values: { n: 1 } });
		await drafts.save({ key: 'b', label: 'B', path: '/b', values: {} });
		await drafts.save({ key: 'a', label: 'A', path: '/a', values: { n: 2 } });
		expect((await drafts.list()).map((d) => [d.key, d.values])).toEqual([
			['a', { n: 2 }],
			['b', {}]
		]);
		await drafts.discard('a');
		expect((await drafts.list()).map((d) => d.key)).toEqual(['b']);
	});
});
