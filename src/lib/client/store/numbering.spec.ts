import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DeviceDatabase } from './database';
import { testCipher } from './testing';

/** A store as version 7 left it, with only the tables this needs. */
async function version7(name: string, outbox: object[], meta: object[]): Promise<Dexie> {
	const v7 = new Dexie(name);
	v7.version(7).stores({ outbox: '++seq, recordId, *resolves', meta: 'key' });
	await v7.table('outbox').bulkAdd(outbox);
	await v7.table('meta').bulkPut(meta);
	return v7;
}

const entry = (mutationId?: number) => ({
	recordId: '00000000-0000-4000-8000-000000000001',
	type: 'asset',
	op: 'update',
	set: {},
	hlc: '001795424400000-0000-device',
	base: {},
	at: '2026-11-01T00:00:00.000Z',
	...(mutationId === undefined ? {} : { mutationId })
});

describe('numbering on upgrade to version 8', () => {
	it('keeps which waiting changes version 7 had numbered for sending: those with ids below the next', async () => {
		const name = `numbering-${Math.random()}`;
		const v7 = await version7(
			name,
			[entry(1), entry(2), entry(3), entry(), entry()],
			[{ key: 'sync.nextMutationId', value: '4' }]
		);
		v7.close();
		const upgraded = new DeviceDatabase(name, { cipher: testCipher() });
		await upgraded.open();
		expect((await upgraded.meta.get('sync.numberedThrough'))?.value).toBe('3');
		await upgraded.delete();
	});

	it('counts nothing as numbered on a device that never pushed', async () => {
		const name = `numbering-${Math.random()}`;
		(await version7(name, [entry(), entry()], [])).close();
		const upgraded = new DeviceDatabase(name, { cipher: testCipher() });
		await upgraded.open();
		expect((await upgraded.meta.get('sync.numberedThrough'))?.value).toBe('0');
		await upgraded.delete();
	});

	it('closes a tab still running version 7, which numbers changes only as it pushes them', async () => {
		const name = `numbering-${Math.random()}`;
		const oldTab = await version7(name, [], []);
		const upgraded = new DeviceDatabase(name, { cipher: testCipher() });
		await upgraded.open();
		expect(oldTab.isOpen()).toBe(false);
		await upgraded.delete();
	});
});
