import type { Insertable, Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRows, ROWS_PER_STATEMENT } from './insert-rows';
import { migrateToLatest } from './migrate';
import { ensureAreas } from './reference-data';
import type { ChangeLogTable, Database, RecordTable } from './schema';
import { available, testDatabases } from './testing';

const logRow = (i: number): Insertable<ChangeLogTable> => ({
	kind: 'record',
	entity_id: `record-${String(i).padStart(5, '0')}`,
	seq: i,
	type: 'asset',
	area_id: i % 2 ? 'eden' : 'carlisle'
});

const recordRow = (id: string, data: string, createdBy: string | null): Insertable<RecordTable> => ({
	id,
	type: 'asset',
	area_id: 'eden',
	data,
	versions: '{}',
	created_at: '2026-11-24T10:00:00.000Z',
	updated_at: '2026-11-24T10:00:00.000Z',
	archived_at: null,
	created_by: createdBy,
	assigned_to: null
});

describe.each(testDatabases)('insertRows on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	async function open(): Promise<Kysely<Database>> {
		const handle = await kind.open();
		cleanup = handle.cleanup;
		await migrateToLatest(handle.db);
		await ensureAreas(handle.db);
		return handle.db;
	}

	const changeLog = (db: Kysely<Database>) =>
		db.selectFrom('change_log').selectAll().orderBy('seq').execute();
	const records = (db: Kysely<Database>) =>
		db.selectFrom('record').select(['id', 'data', 'created_by']).orderBy('id').execute();

	it.skipIf(!available(kind))('stores many rows in several statements, each as given', async () => {
		const db = await open();
		const rows = Array.from({ length: 2 * ROWS_PER_STATEMENT + 1 }, (_, i) => logRow(i + 1));
		await insertRows(db, 'change_log', rows);
		const stored = await changeLog(db);
		expect(stored.map((row) => ({ ...row, seq: Number(row.seq) }))).toEqual(rows);
	});

	it.skipIf(!available(kind))(
		'carries quotes, question marks, dollars and other scripts as values, never as SQL',
		async () => {
			const db = await open();
			const data = `{"note":"it's \\"quoted\\"; drop table record; -- ? $1 Ŵ 🌊"}`;
			await insertRows(db, 'record', [recordRow('a', data, null), recordRow('b?', '$2', 'staff-1')]);
			expect(await records(db)).toEqual([
				{ id: 'a', data, created_by: null },
				{ id: 'b?', data: '$2', created_by: 'staff-1' }
			]);
		}
	);

	it.skipIf(!available(kind))(
		'on a clash, takes only the columns named from the new row and keeps the rest',
		async () => {
			const db = await open();
			await insertRows(db, 'record', [recordRow('a', '{"v":1}', 'first-writer')]);
			await insertRows(
				db,
				'record',
				[recordRow('a', '{"v":2}', 'second-writer'), recordRow('b', '{}', null)],
				{
					on: ['id'],
					update: ['data']
				}
			);
			expect(await records(db)).toEqual([
				{ id: 'a', data: '{"v":2}', created_by: 'first-writer' },
				{ id: 'b', data: '{}', created_by: null }
			]);
			// Told to take no column, a clash keeps the stored row whole.
			await insertRows(db, 'record', [recordRow('a', '{"v":3}', null)], { on: ['id'], update: [] });
			expect((await records(db))[0]).toEqual({ id: 'a', data: '{"v":2}', created_by: 'first-writer' });
		}
	);

	it.skipIf(!available(kind))('refuses a clash it was not told how to settle, storing nothing', async () => {
		const db = await open();
		await insertRows(db, 'change_log', [logRow(1)]);
		const clash = insertRows(db, 'change_log', [logRow(2), { ...logRow(3), entity_id: logRow(1).entity_id }]);
		await expect(clash).rejects.toThrow();
		expect(await changeLog(db)).toHaveLength(1);
	});

	it.skipIf(!available(kind))(
		'refuses rows that leave out a column or add one, naming the row, before any is sent',
		async () => {
			const db = await open();
			const missing = { ...logRow(2), area_id: undefined } as unknown as Insertable<ChangeLogTable>;
			await expect(insertRows(db, 'change_log', [logRow(1), missing])).rejects.toThrow(
				'Row 2 for change_log has no value for area_id (null if empty)'
			);
			const extra = { ...logRow(2), note: 'x' } as Insertable<ChangeLogTable>;
			const rows = Array.from({ length: ROWS_PER_STATEMENT + 1 }, (_, i) => logRow(i + 1));
			await expect(insertRows(db, 'change_log', [...rows, extra])).rejects.toThrow(
				`Row ${ROWS_PER_STATEMENT + 2} for change_log has other columns than the first row`
			);
			expect(await changeLog(db)).toEqual([]);
			await insertRows(db, 'change_log', []);
			expect(await changeLog(db)).toEqual([]);
		}
	);
});
