import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemo } from '$lib/demo/generate';
import { MAIN_RECORD_TYPES, type RecordEnvelope } from '$lib/domain/records';
import { DeviceDatabase } from './store/database';
import { DeviceStore } from './store/device-store';
import { DownloadError, downloadRecords } from './download';

const { records } = generateDemo({ size: 30 });
const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));

/** A server that pages through `sorted` like /api/v1/records, with faults on demand. */
function fakeServer(options: { pageSize?: number; failOnCall?: number; corruptOnCall?: number } = {}) {
	let calls = 0;
	const fetcher = (async (input: string | URL | Request) => {
		calls++;
		const url = new URL(String(input), 'http://device.test');
		if (calls === options.failOnCall) throw new TypeError('Failed to fetch');
		const after = url.searchParams.get('after');
		const start = after ? sorted.findIndex((r) => r.id === after) + 1 : 0;
		const size = options.pageSize ?? 10;
		const page: unknown[] = sorted.slice(start, start + size);
		const next = start + size < sorted.length ? (sorted[start + size - 1]?.id ?? null) : null;
		if (calls === options.corruptOnCall) page[0] = { ...(page[0] as RecordEnvelope), areaId: 'atlantis' };
		return new Response(JSON.stringify({ records: page, next }), {
			headers: { 'content-type': 'application/json' }
		});
	}) as typeof fetch;
	return { fetcher, calls: () => calls };
}

describe('downloadRecords', () => {
	let db: DeviceDatabase;
	let store: DeviceStore;
	beforeEach(() => {
		db = new DeviceDatabase(`test-${Math.random()}`);
		store = new DeviceStore(db);
	});
	afterEach(async () => {
		await db.delete();
	});

	it('stores every page and records when it finished', async () => {
		const server = fakeServer();
		expect(await downloadRecords(store, server.fetcher, () => '2026-11-23T10:00:00.000Z')).toBe(30);
		expect(server.calls()).toBe(3);
		expect(await db.records.count()).toBe(30);
		expect(await store.getMeta('download.completedAt')).toBe('2026-11-23T10:00:00.000Z');
	});

	it('resumes after the last stored page when the connection drops', async () => {
		await expect(downloadRecords(store, fakeServer({ failOnCall: 2 }).fetcher)).rejects.toThrow(TypeError);
		expect(await db.records.count()).toBe(10);
		const resumed = fakeServer();
		expect(await downloadRecords(store, resumed.fetcher)).toBe(20);
		expect(resumed.calls()).toBe(2);
		expect(await db.records.count()).toBe(30);
	});

	it('refuses a page it cannot read and stores nothing of it', async () => {
		await expect(downloadRecords(store, fakeServer({ corruptOnCall: 2 }).fetcher)).rejects.toThrow(
			DownloadError
		);
		expect(await db.records.count()).toBe(10);
		expect(await store.getMeta('download.completedAt')).toBeUndefined();
	});

	it('passes on the server’s own explanation of a refusal', async () => {
		const refusing = (async () =>
			new Response(
				JSON.stringify({ error: { status: 403, message: 'Downloading records needs staff sign-in.' } }),
				{
					status: 403
				}
			)) as typeof fetch;
		await expect(downloadRecords(store, refusing)).rejects.toThrow(
			'Downloading records needs staff sign-in.'
		);
	});

	it('lists a type newest first and counts every type', async () => {
		await downloadRecords(store, fakeServer().fetcher);
		const assets = await store.list('asset');
		expect(assets.length).toBeGreaterThan(0);
		expect(assets.every((a) => a.type === 'asset')).toBe(true);
		const times = assets.map((a) => a.updatedAt);
		expect(times).toEqual([...times].sort().reverse());
		const counts = await store.counts();
		const main = records.filter((r) => (MAIN_RECORD_TYPES as readonly string[]).includes(r.type)).length;
		expect(counts.asset + counts.visit + counts.referral + counts.floodGroup).toBe(main);
	});
});
