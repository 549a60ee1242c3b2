import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VIEWS_MAX } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import { testDatabase, testId } from '../store/testing';
import { noteExported, SAME_VIEW_MS, ViewLog } from '../store/views';
import { SyncEngine } from './engine';
import { ScriptedTransport } from './testing';
import { BadAnswer, ServerUnreachable } from './transport';

let db: DeviceDatabase;
let server: ScriptedTransport;
let engine: SyncEngine;
let online: boolean;
let log: ViewLog;

beforeEach(() => {
	db = testDatabase('views');
	server = new ScriptedTransport();
	engine = new SyncEngine(db, { transport: server });
	online = false;
	log = new ViewLog(db, { online: () => online });
});
afterEach(async () => {
	await db.delete();
});

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

describe('views of sensitive records', () => {
	it('are noted with when and whether the device was offline, and reported at the next sync', async () => {
		await log.note({ id: testId(1), type: 'visit' }, minutes(0));
		online = true;
		await log.note({ id: testId(2), type: 'referral' }, minutes(1));

		const outcome = await engine.sync();
		expect(outcome.views).toBe(2);
		expect(server.viewReports).toHaveLength(1);
		expect(server.viewReports[0]?.views).toEqual([
			{ id: 1, recordId: testId(1), type: 'visit', at: minutes(0).toISOString(), offline: true },
			{ id: 2, recordId: testId(2), type: 'referral', at: minutes(1).toISOString(), offline: false }
		]);
		expect(await db.views.count()).toBe(0);
	});

	it('and records saved to a file, of any type, are reported in the same order, marked as exports', async () => {
		await log.note({ id: testId(1), type: 'visit' }, minutes(0));
		await noteExported(db, [{ recordId: testId(2), type: 'asset' }], minutes(1).toISOString(), true);
		await engine.sync();
		expect(server.viewReports[0]?.views).toEqual([
			{ id: 1, recordId: testId(1), type: 'visit', at: minutes(0).toISOString(), offline: true },
			{
				id: 2,
				recordId: testId(2),
				type: 'asset',
				kind: 'export',
				at: minutes(1).toISOString(),
				offline: true
			}
		]);
	});

	it('only of sensitive types, and a record opened again soon after is one view', async () => {
		await log.note({ id: testId(1), type: 'asset' }, minutes(0));
		await log.note({ id: testId(2), type: 'floodHousehold' }, minutes(0));
		await log.note({ id: testId(2), type: 'floodHousehold' }, minutes(1));
		await log.note({ id: testId(2), type: 'floodHousehold' }, new Date(minutes(0).getTime() + SAME_VIEW_MS));
		expect((await db.views.toArray()).map((v) => [v.recordId, v.at])).toEqual([
			[testId(2), minutes(0).toISOString()],
			[testId(2), new Date(minutes(0).getTime() + SAME_VIEW_MS).toISOString()]
		]);
	});

	it('stay on the device until the server has them, whatever goes wrong on the way', async () => {
		await log.note({ id: testId(1), type: 'visit' }, minutes(0));
		server.onViews = () => {
			throw ServerUnreachable.because('the connection failed');
		};
		await expect(engine.sync()).rejects.toBeInstanceOf(ServerUnreachable);
		expect(await db.views.count()).toBe(1);

		// An answer that does not cover what was sent would send the same views for ever.
		server.onViews = () => ({ lastViewId: 0 });
		await expect(engine.sync()).rejects.toBeInstanceOf(BadAnswer);
		expect(await db.views.count()).toBe(1);

		server.onViews = (request) => ({ lastViewId: request.views.at(-1)?.id ?? 0 });
		await engine.sync();
		expect(await db.views.count()).toBe(0);
		// The resend carried the same id: the server records it once.
		expect(server.viewReports.map((r) => r.views.map((v) => v.id))).toEqual([[1], [1], [1]]);
	});

	it('go in batches the server takes, oldest first, with views noted meanwhile kept for later', async () => {
		for (let i = 0; i < VIEWS_MAX + 20; i++) {
			await log.note({ id: testId(i + 1), type: 'referral' }, minutes(i));
		}
		server.onViews = async (request) => {
			if (server.viewReports.length === 1) await log.note({ id: testId(9999), type: 'visit' }, minutes(999));
			return { lastViewId: request.views.at(-1)?.id ?? 0 };
		};
		const outcome = await engine.sync();
		expect(server.viewReports.map((r) => r.views.length)).toEqual([VIEWS_MAX, 21]);
		expect(outcome.views).toBe(VIEWS_MAX + 21);
		const ids = server.viewReports.flatMap((r) => r.views.map((v) => v.id));
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(await db.views.count()).toBe(0);
	});

	it('ask nothing of the server when there are none', async () => {
		await engine.sync();
		expect(server.viewReports).toEqual([]);
	});
});
