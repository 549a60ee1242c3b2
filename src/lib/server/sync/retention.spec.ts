import { afterEach, describe, expect, it } from 'vitest';
import { available, testDatabases } from '../db/testing';
import { purgeRecord } from './purge';
import { pruneTombstonesDaily } from './retention';
import { DAY, openSyncDatabase, ProtocolDevice, T0 } from './testing';

describe.each(testDatabases)('tombstone retention on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	it.skipIf(!available(kind))('prunes at start-up only the tombstones past the horizon', async () => {
		const { database, cleanup: close } = await openSyncDatabase(kind);
		cleanup = close;
		const device = new ProtocolDevice({ database }, 'Anna');
		const old = device.create();
		const recent = device.create();
		await device.push();
		await purgeRecord(database, old.recordId, { now: () => T0 });
		await purgeRecord(database, recent.recordId, { now: () => T0 + 80 * DAY });

		const pruning = pruneTombstonesDaily(database, { now: () => T0 + 91 * DAY });
		pruning.stop();
		expect(await pruning.firstRun).toBe(1);
		const left = await database.db.selectFrom('tombstone').select('record_id').execute();
		expect(left).toEqual([{ record_id: recent.recordId }]);
	});
});
