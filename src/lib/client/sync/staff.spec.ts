import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Colleague } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { readStaffDirectory, STAFF_DIRECTORY } from '../store/staff-directory';
import { testDatabase } from '../store/testing';
import { SyncEngine } from './engine';
import { ScriptedTransport } from './testing';
import { Offline } from './transport';

const JO: Colleague = {
	id: '0c0ac400-0000-4000-8000-000000000001',
	displayName: 'Jo Hartley',
	role: 'coach',
	areaIds: ['eden'],
	active: true
};
const SAM: Colleague = { ...JO, id: '0c0ac400-0000-4000-8000-000000000002', displayName: 'Sam Reed' };

let db: DeviceDatabase;
let server: ScriptedTransport;
let engine: SyncEngine;

beforeEach(() => {
	db = testDatabase('staff');
	server = new ScriptedTransport();
	engine = new SyncEngine(db, { transport: server });
});
afterEach(async () => {
	await db.delete();
});

describe('the staff directory on the device', () => {
	it('is asked for after the pull of every sync and replaces the one kept before', async () => {
		expect(await readStaffDirectory(db)).toEqual([]);
		server.onStaff = () => ({ staff: [JO, SAM] });
		const outcome = await engine.sync();
		expect(outcome.staff).toBe(2);
		expect(server.staffRequests).toHaveLength(1);
		expect(server.staffRequests[0]).toMatchObject({ protocol: 1, schemaVersion: 1 });
		expect(await readStaffDirectory(db)).toEqual([JO, SAM]);

		server.onStaff = () => ({ staff: [{ ...SAM, active: false }] });
		await engine.sync();
		expect(await readStaffDirectory(db)).toEqual([{ ...SAM, active: false }]);
	});

	it('is kept sealed: no name is readable in the store', async () => {
		server.onStaff = () => ({ staff: [JO] });
		await engine.sync();
		const row = await db.meta.get(STAFF_DIRECTORY);
		expect(row?.value).toBeTypeOf('string');
		expect(row?.value).not.toContain('Hartley');
		expect(atob((JSON.parse(row?.value ?? '{}') as { data: string }).data)).not.toContain('Hartley');
	});

	it('stays as it was when the sync fails, and the failure is the sync’s', async () => {
		server.onStaff = () => ({ staff: [JO] });
		await engine.sync();
		server.onStaff = () => {
			throw new Offline();
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(Offline);
		expect(await readStaffDirectory(db)).toEqual([JO]);
	});

	it('reads as none when what is stored cannot be opened, leaving everything else alone', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		for (const value of ['not json', '{"v":1,"iv":"AAAA","data":"AAAA"}', '{"v":2}']) {
			await db.meta.put({ key: STAFF_DIRECTORY, value });
			expect(await readStaffDirectory(db)).toEqual([]);
		}
		expect(warn).toHaveBeenCalledTimes(3);
		warn.mockRestore();
		server.onStaff = () => ({ staff: [SAM] });
		await engine.sync();
		expect(await readStaffDirectory(db)).toEqual([SAM]);
	});
});
