import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationStatus } from './migrate';
import { migrationProvider, migrations } from './migrations';
import { ensureAreas } from './reference-data';
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
		updated_at: { nullable: false },
		versions: { nullable: false },
		archived_at: { nullable: true },
		created_by: { nullable: true },
		assigned_to: { nullable: true }
	},
	app_meta: { key: { nullable: false }, value: { nullable: false } },
	sync_state: { id: { nullable: false }, seq: { nullable: false }, min_cursor: { nullable: false } },
	change_log: {
		kind: { nullable: false },
		entity_id: { nullable: false },
		seq: { nullable: false },
		type: { nullable: false },
		area_id: { nullable: false }
	},
	sync_client: {
		id: { nullable: false },
		device_name: { nullable: true },
		staff_id: { nullable: true },
		last_mutation_id: { nullable: false },
		created_at: { nullable: false },
		last_seen_at: { nullable: false },
		scope_fingerprint: { nullable: true },
		last_view_id: { nullable: false },
		gaps_answered: { nullable: false }
	},
	sync_mutation: {
		client_id: { nullable: false },
		mutation_id: { nullable: false },
		record_id: { nullable: false },
		status: { nullable: false },
		result: { nullable: false },
		applied_at: { nullable: false }
	},
	conflict: {
		id: { nullable: false },
		record_id: { nullable: false },
		type: { nullable: false },
		area_id: { nullable: false },
		field: { nullable: false },
		status: { nullable: false },
		kept: { nullable: false },
		other: { nullable: false },
		detected_at: { nullable: false },
		resolved_at: { nullable: true },
		resolved_by: { nullable: true }
	},
	tombstone: {
		record_id: { nullable: false },
		type: { nullable: false },
		area_id: { nullable: false },
		deleted_at: { nullable: false }
	},
	staff_session: {
		token_hash: { nullable: false },
		staff_id: { nullable: false },
		device_id: { nullable: true },
		created_at: { nullable: false },
		last_used_at: { nullable: false },
		expires_at: { nullable: false }
	},
	sign_in_throttle: {
		key: { nullable: false },
		failures: { nullable: false },
		window_started_at: { nullable: false },
		blocked_until: { nullable: true }
	},
	audit_log: {
		seq: { nullable: false },
		at: { nullable: false },
		action: { nullable: false },
		staff_id: { nullable: true },
		device_id: { nullable: true },
		ip: { nullable: true },
		target_type: { nullable: true },
		target_id: { nullable: true },
		area_id: { nullable: true },
		details: { nullable: false },
		prev_hash: { nullable: false },
		hash: { nullable: false }
	},
	audit_checkpoint: {
		seq: { nullable: false },
		hash: { nullable: false },
		at: { nullable: false },
		key_id: { nullable: false },
		signature: { nullable: false }
	}
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

	it.skipIf(!available(kind))('gives records stored before sync versions and change-log rows', async () => {
		const handle = await kind.open();
		cleanup = handle.cleanup;
		const { error } = await new Migrator({ db: handle.db, provider: migrationProvider }).migrateTo(
			'0001_initial'
		);
		expect(error).toBeUndefined();
		await ensureAreas(handle.db);
		const ids = ['b0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001'];
		for (const id of ids) {
			const at = '2026-11-01T00:00:00.000Z';
			const row = {
				id,
				type: 'asset',
				area_id: 'eden',
				data: '{"name":"Hall"}',
				created_at: at,
				updated_at: at
			};
			await handle.db.insertInto('record').values(row).execute();
		}
		await migrateToLatest(handle.db);

		const log = await handle.db.selectFrom('change_log').selectAll().orderBy('seq').execute();
		expect(log.map((r) => [r.kind, r.entity_id, Number(r.seq), r.type, r.area_id])).toEqual([
			['record', ids[1], 1, 'asset', 'eden'],
			['record', ids[0], 2, 'asset', 'eden']
		]);
		const state = await handle.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
		expect([Number(state.seq), Number(state.min_cursor)]).toEqual([2, 0]);
		for (const record of await handle.db.selectFrom('record').selectAll().execute()) {
			const versions = JSON.parse(record.versions) as Record<string, string>;
			expect(Object.keys(versions).sort()).toEqual(['@area', 'name']);
			expect(versions.name).toMatch(/^\d{15}-0000-server$/);
			expect(record.archived_at).toBeNull();
		}
	});

	it.skipIf(!available(kind))(
		'gives records stored before access facts their assignee from data and creator from the audit log',
		async () => {
			const handle = await kind.open();
			cleanup = handle.cleanup;
			const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
			expect((await migrator.migrateTo('0003_auth')).error).toBeUndefined();
			await ensureAreas(handle.db);
			const coach = 'c0000000-0000-4000-8000-00000000000c';
			const officer = 'f0000000-0000-4000-8000-00000000000f';
			const at = '2026-11-01T00:00:00.000Z';
			const rows = [
				['10000000-0000-4000-8000-000000000001', 'referral', { assignedCoach: coach }],
				['20000000-0000-4000-8000-000000000002', 'visit', { assignedTo: officer }],
				['30000000-0000-4000-8000-000000000003', 'asset', { assignedTo: officer }]
			] as const;
			for (const [id, type, data] of rows) {
				const row = { id, type, area_id: 'eden', data: JSON.stringify(data), created_at: at, updated_at: at };
				await handle.db.insertInto('record').values(row).execute();
			}
			const entry = { at, action: 'record-create', details: '{}', prev_hash: '0', hash: '1' };
			await handle.db
				.insertInto('audit_log')
				.values([
					{ ...entry, seq: 1, staff_id: officer, target_id: rows[0][0] },
					{ ...entry, seq: 2, action: 'record-update', staff_id: coach, target_id: rows[1][0] }
				])
				.execute();
			await migrateToLatest(handle.db);

			const stored = await handle.db
				.selectFrom('record')
				.select(['id', 'created_by', 'assigned_to'])
				.orderBy('id')
				.execute();
			expect(stored).toEqual([
				{ id: rows[0][0], created_by: officer, assigned_to: coach },
				{ id: rows[1][0], created_by: null, assigned_to: officer },
				{ id: rows[2][0], created_by: null, assigned_to: null }
			]);
		}
	);
});
