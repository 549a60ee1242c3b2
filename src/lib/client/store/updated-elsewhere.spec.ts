import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { kindOf } from '$lib/domain/record-kinds';
import type { FieldCipher } from '../vault/cipher';
import { DeviceDatabase } from './database';
import { DraftStore } from './drafts';
import { RecordRepository } from './repository';
import { StorageFull } from './storage-full';
import { reopened, storedIn, testDatabase } from './testing';
import { RemovedElsewhere, UpdatedElsewhere, type ClosedElsewhere } from './updated-elsewhere';

let open: Dexie[] = [];
afterEach(() => {
	for (const db of open) db.close();
	open = [];
});

/** A newer version of Fellside: the same store, one version on. */
class NewerDeviceDatabase extends DeviceDatabase {
	constructor(name: string, cipher: FieldCipher) {
		super(name, { cipher });
		this.version(this.verno + 1).stores({});
	}
}

/** What a newer version of Fellside does in another tab: open the same store at its own version. */
async function newerVersionOpens(db: DeviceDatabase): Promise<DeviceDatabase> {
	const newer = new NewerDeviceDatabase(db.name, db.cipher);
	open.push(newer);
	await newer.open();
	return newer;
}

/** A store with one saved asset, and what it was told of another tab. */
async function storeWithAnAsset(prefix: string) {
	const db = testDatabase(prefix);
	open.push(db);
	const assets = new RecordRepository(db, kindOf('asset'));
	const kept = await assets.create('allerdale', exampleAsset());
	const told: ClosedElsewhere[] = [];
	db.onClosedElsewhere((reason) => told.push(reason));
	const another = () => assets.create('allerdale', exampleAsset({ name: 'Hesket Newmarket Hall' }));
	return { db, kept, told, another };
}

describe('a store another tab takes away', () => {
	it('lets a newer version upgrade it, says so once, and refuses every write with the reason', async () => {
		const { db, kept, told, another } = await storeWithAnAsset('updated-elsewhere');
		expect(db.closedElsewhere).toBeNull();

		const newer = await newerVersionOpens(db);

		expect(db.closedElsewhere).toBe('updated');
		expect(told).toEqual(['updated']);
		await expect(another()).rejects.toBeInstanceOf(UpdatedElsewhere);
		await expect(another()).rejects.toThrow(/updated in another tab or window.*Reload this tab/);
		expect(told).toEqual(['updated']);
		// What was saved before is all there for the newer version, and nothing else.
		expect((await storedIn(newer).records()).map((record) => record.id)).toEqual([kept.id]);
	});

	it('is not opened again by this version once a newer one has upgraded it (after a lock and unlock)', async () => {
		const { db, kept } = await storeWithAnAsset('opened-after-update');
		const newer = await newerVersionOpens(db);
		newer.close();

		const again = reopened(db);
		open.push(again);
		const told: ClosedElsewhere[] = [];
		again.onClosedElsewhere((reason) => told.push(reason));
		const assets = new RecordRepository(again, kindOf('asset'));
		await expect(assets.create('allerdale', exampleAsset())).rejects.toBeInstanceOf(UpdatedElsewhere);
		await expect(assets.get(kept.id)).rejects.toThrow();
		expect(again.closedElsewhere).toBe('updated');
		expect(told).toEqual(['updated']);
	});

	it('takes an older tab adding what its schema lacks (one native version up) for no update, and goes on', async () => {
		const { db, told, another } = await storeWithAnAsset('patched-elsewhere');
		const patch = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(db.name, db.backendDB().version + 1);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('could not open'));
		});
		patch.close();

		expect(db.closedElsewhere).toBeNull();
		expect(told).toEqual([]);
		await expect(another()).resolves.toMatchObject({ type: 'asset' });
	});

	it('refuses every write once the person is removed in another tab, and does not bring the store back', async () => {
		const { db, told, another } = await storeWithAnAsset('removed-elsewhere');

		await Dexie.delete(db.name);

		expect(db.closedElsewhere).toBe('removed');
		expect(told).toEqual(['removed']);
		await expect(another()).rejects.toBeInstanceOf(RemovedElsewhere);
		expect(await Dexie.exists(db.name)).toBe(false);
	});

	it('neither keeps nor offers drafts once taken away, where the form would only fail unseen', async () => {
		const { db } = await storeWithAnAsset('drafts-elsewhere');
		const drafts = new DraftStore(db);
		await drafts.save({ key: 'asset:new', label: 'a new asset', path: '/assets/new', values: {} });
		await newerVersionOpens(db);

		await expect(
			drafts.save({ key: 'asset:new', label: 'a new asset', path: '/assets/new', values: { name: 'x' } })
		).resolves.toBeUndefined();
		await expect(drafts.get('asset:new')).resolves.toBeUndefined();
		await expect(drafts.list()).resolves.toEqual([]);
		await expect(drafts.discard('asset:new')).resolves.toBeUndefined();
	});

	it('stops telling a listener that has stopped listening', async () => {
		const db = testDatabase('closed-elsewhere-stop');
		open.push(db);
		await db.open();
		let told = 0;
		const stop = db.onClosedElsewhere(() => told++);
		stop();
		await newerVersionOpens(db);
		expect(db.closedElsewhere).toBe('updated');
		expect(told).toBe(0);
	});

	it("reads as its message alone after a screen's own words, as a full disk does", () => {
		for (const error of [new UpdatedElsewhere(), new RemovedElsewhere(), new StorageFull()]) {
			expect(`Could not save on this device: ${String(error)}`).toBe(
				`Could not save on this device: ${error.message}`
			);
		}
	});
});
