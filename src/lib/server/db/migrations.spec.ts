import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationStatus } from './migrate';
import { migrations } from './migrations';
import { available, testDatabases } from './testing';

/** The schema every migration together must produce, identical on both databases. */
const expected: Record<string, Record<string, { nullable: boolean }>> = {
	area: { id: { nullable: false }, name: { nullable: false }, council: { nullable: false } },
	staff: {
		id: { nullable: false },
		username: { nullable: false },
		display_name: { nullable: false },
		role: { nullable: false },
		area_ids: { nullable: false },
		password_hash: { nullable: true },
		disabled: { nullable: false },
		created_at: { nullable: false },
		updated_at: { nullable: false }
	},
	record: {
		id: { nullable: false },
		type: { nullable: false },
		area_id: { nullable: false },
		data: { nullable: false },
		created_at: { nullable: false },
		updated_at: { nullable: false }
	},
	app_meta: { key: { nullable: false }, value: { nullable: false } }
};

describe.each(testDatabases)('migrations on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	it.skipIf(!available(kind))('runs every migration up and produces the expected schema', async () => {
		const handle = await kind.open();
		cleanup = handle.cleanup;

		const before = await migrationStatus(handle.db);
		expect(before).toMatchObject({ applied: 0, current: false, expected: Object.keys(migrations).length });

		const after = await migrateToLatest(handle.db);
		expect(after).toEqual({
			applied: Object.keys(migrations).length,
			expected: Object.keys(migrations).length,
			current: true,
			pending: []
		});

		const tables = await handle.db.introspection.getTables();
		const actual = Object.fromEntries(
			tables.map((t) => [
				t.name,
				Object.fromEntries(t.columns.map((c) => [c.name, { nullable: c.isNullable }]))
			])
		);
		expect(actual).toEqual(expected);
	});

	it.skipIf(!available(kind))('is idempotent: running again changes nothing', async () => {
		const handle = await kind.open();
		cleanup = handle.cleanup;
		await migrateToLatest(handle.db);
		const again = await migrateToLatest(handle.db);
		expect(again.current).toBe(true);
		expect(again.applied).toBe(Object.keys(migrations).length);
	});

	it.skipIf(!available(kind))('enforces the area reference on records', async () => {
		const handle = await kind.open();
		cleanup = handle.cleanup;
		await migrateToLatest(handle.db);
		const row = { id: 'r1', type: 'asset', area_id: 'nowhere', data: '{}', created_at: 'x', updated_at: 'x' };
		await expect(handle.db.insertInto('record').values(row).execute()).rejects.toThrow();
	});
});
