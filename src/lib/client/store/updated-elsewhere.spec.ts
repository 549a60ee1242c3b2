import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { kindOf } from '$lib/domain/record-kinds';
import { DeviceDatabase } from './database';
import { RecordRepository } from './repository';
import { StorageFull } from './storage-full';
import { storedIn, testDatabase } from './testing';
import type { FieldCipher } from '../vault/cipher';
import { UpdatedElsewhere } from './updated-elsewhere';

let open: Dexie[] = [];
afterEach(async () => {
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

describe('a store taken over by a newer version in another tab', () => {
	it('lets the upgrade go ahead, says so once, and refuses every write with the reason', async () => {
		const db = testDatabase('updated-elsewhere');
		open.push(db);
		const assets = new RecordRepository(db, kindOf('asset'));
		const kept = await assets.create('allerdale', exampleAsset());
		let told = 0;
		db.onUpdatedElsewhere(() => told++);
		expect(db.updatedElsewhere).toBe(false);

		const newer = await newerVersionOpens(db);

		expect(newer.verno).toBe(db.verno + 1);
		expect(db.updatedElsewhere).toBe(true);
		expect(told).toBe(1);
		const refused = assets.create('allerdale', exampleAsset({ name: 'Hesket Newmarket Hall' }));
		await expect(refused).rejects.toBeInstanceOf(UpdatedElsewhere);
		await expect(refused).rejects.toThrow(/updated in another tab or window.*Reload this tab/);
		// What was saved before is all there for the newer version, and nothing else.
		expect((await storedIn(newer).records()).map((record) => record.id)).toEqual([kept.id]);
	});

	it("reads as its message alone after a screen's own words, as a full disk does", () => {
		expect(`Could not save on this device: ${String(new UpdatedElsewhere())}`).toBe(
			`Could not save on this device: ${new UpdatedElsewhere().message}`
		);
		expect(String(new StorageFull())).toBe(new StorageFull().message);
	});

	it('is not told of a deletion (the person removed from the device), which says its own reason', async () => {
		const db = testDatabase('deleted-elsewhere');
		open.push(db);
		await db.open();
		let told = 0;
		db.onUpdatedElsewhere(() => told++);
		await Dexie.delete(db.name);
		expect(db.updatedElsewhere).toBe(false);
		expect(told).toBe(0);
	});

	it('stops telling a listener that has stopped listening', async () => {
		const db = testDatabase('updated-elsewhere-stop');
		open.push(db);
		await db.open();
		let told = 0;
		const stop = db.onUpdatedElsewhere(() => told++);
		stop();
		await newerVersionOpens(db);
		expect(db.updatedElsewhere).toBe(true);
		expect(told).toBe(0);
	});
});
