import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceDatabase, StoredRecord } from './database';
import { recordsById, recordsOfType, type ChunkReader } from './record-chunks';
import { storeIn, testDatabase, testId } from './testing';

let db: DeviceDatabase;

beforeEach(() => {
	db = testDatabase('chunks');
});
afterEach(async () => {
	await db.delete();
});

function record(n: number, updatedAt: string, type: StoredRecord['type'] = 'asset'): StoredRecord {
	return {
		id: testId(n),
		type,
		areaId: 'eden',
		createdAt: updatedAt,
		updatedAt,
		status: 'open',
		data: { title: `Record ${n}` },
		versions: {}
	};
}

async function readAll(next: ChunkReader): Promise<{ reads: string[][]; gone: string[] }> {
	const reads: string[][] = [];
	const gone: string[] = [];
	for (let chunk = await next(); chunk; chunk = await next()) {
		reads.push(chunk.rows.map((row) => row.id));
		gone.push(...chunk.gone);
	}
	return { reads, gone };
}

describe('recordsOfType', () => {
	it('passes on every record of the type once, in small reads, however many share an updatedAt', async () => {
		// Seven records at one time (more than two reads' worth), then a few at other times.
		const same = [1, 2, 3, 4, 5, 6, 7].map((n) => record(n, '2026-11-23T09:00:00.000Z'));
		const others = [8, 9, 10].map((n) => record(n, `2026-11-2${n - 4}T09:00:00.000Z`));
		await storeIn(db).records([...same, ...others, record(11, '2026-11-23T09:00:00.000Z', 'visit')]);
		const { reads } = await readAll(recordsOfType(db, 'asset', 3));
		const ids = reads.flat();
		expect(ids).toHaveLength(10);
		expect(new Set(ids)).toEqual(new Set([...same, ...others].map((r) => r.id)));
		expect(Math.max(...reads.map((r) => r.length))).toBeLessThanOrEqual(12);
	});

	it('reads nothing from an empty store', async () => {
		expect(await readAll(recordsOfType(db, 'asset', 3))).toEqual({ reads: [[]], gone: [] });
	});
});

describe('recordsById', () => {
	it('reads the records asked for and names those gone or of another type', async () => {
		await storeIn(db).records([
			record(1, '2026-11-23T09:00:00.000Z'),
			record(2, '2026-11-23T09:00:00.000Z', 'visit')
		]);
		const { reads, gone } = await readAll(recordsById(db, 'asset', [testId(1), testId(2), testId(3)], 2));
		expect(reads).toEqual([[testId(1)], []]);
		expect(gone).toEqual([testId(2), testId(3)]);
	});
});
