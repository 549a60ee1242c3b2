import type { Kysely } from 'kysely';
import { atomically } from './atomically';

/**
 * Sync storage: per-field versions on records, the change log devices pull in commit order, the
 * devices and the answers they were given, conflicts and tombstones. Portable DDL only, so SQLite
 * and PostgreSQL get the same schema.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, () => createTables(db));
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		for (const table of [
			'tombstone',
			'conflict',
			'sync_mutation',
			'sync_client',
			'change_log',
			'sync_state'
		]) {
			await db.schema.dropTable(table).execute();
		}
		await db.schema.alterTable('record').dropColumn('archived_at').execute();
		await db.schema.alterTable('record').dropColumn('versions').execute();
	});
}

async function createTables(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('record')
		.addColumn('versions', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema.alterTable('record').addColumn('archived_at', 'text').execute();

	await db.schema
		.createTable('sync_state')
		.addColumn('id', 'integer', (c) => c.primaryKey().notNull())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('min_cursor', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('change_log')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('change_log_pk', ['kind', 'entity_id'])
		.execute();
	await db.schema.createIndex('change_log_seq').on('change_log').column('seq').unique().execute();

	await db.schema
		.createTable('sync_client')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('device_name', 'text')
		.addColumn('staff_id', 'text', (c) => c.references('staff.id'))
		.addColumn('last_mutation_id', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sync_mutation')
		.addColumn('client_id', 'text', (c) => c.notNull().references('sync_client.id'))
		.addColumn('mutation_id', 'bigint', (c) => c.notNull())
		.addColumn('record_id', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('result', 'text', (c) => c.notNull())
		.addColumn('applied_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('sync_mutation_pk', ['client_id', 'mutation_id'])
		.execute();

	await db.schema
		.createTable('conflict')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('kept', 'text', (c) => c.notNull())
		.addColumn('other', 'text', (c) => c.notNull())
		.addColumn('detected_at', 'text', (c) => c.notNull())
		.addColumn('resolved_at', 'text')
		.addColumn('resolved_by', 'text')
		.execute();
	await db.schema.createIndex('conflict_record').on('conflict').columns(['record_id', 'status']).execute();

	await db.schema
		.createTable('tombstone')
		.addColumn('record_id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('tombstone_deleted_at').on('tombstone').column('deleted_at').execute();

	await backfillRecords(db);
}

/** The node name in stamps the server makes itself (seeding, this migration). */
const SERVER_NODE = 'server';
const BATCH = 500;

/** The tables as this migration leaves them (not today's schema types, which may move on). */
type Tables = {
	record: {
		id: string;
		type: string;
		area_id: string;
		data: string;
		versions: string;
		created_at: string;
		updated_at: string;
	};
	change_log: { kind: string; entity_id: string; seq: number; type: string; area_id: string };
	sync_state: { id: number; seq: number; min_cursor: number };
};

/**
 * Records stored before sync existed get a server stamp on every field and a change-log row, in id
 * order, so a device's first pull downloads them and later edits have versions to compare with.
 */
async function backfillRecords(unknownDb: Kysely<unknown>): Promise<void> {
	const db = unknownDb.withTables<Tables>();
	const stamp = `${String(Date.now()).padStart(15, '0')}-0000-${SERVER_NODE}`;
	let seq = 0;
	let after = '';
	for (;;) {
		const page = await db
			.selectFrom('record')
			.select(['id', 'type', 'area_id', 'data', 'created_at', 'updated_at'])
			.where('id', '>', after)
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (page.length === 0) break;
		const stamped = page.map((row) => {
			const keys = ['@area', ...Object.keys(JSON.parse(row.data) as Record<string, unknown>)];
			return { ...row, versions: JSON.stringify(Object.fromEntries(keys.map((key) => [key, stamp]))) };
		});
		await db
			.insertInto('record')
			.values(stamped)
			.onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ versions: eb.ref('excluded.versions') })))
			.execute();
		const log = page.map((row) => ({
			kind: 'record',
			entity_id: row.id,
			seq: ++seq,
			type: row.type,
			area_id: row.area_id
		}));
		await db.insertInto('change_log').values(log).execute();
		after = page.at(-1)?.id ?? after;
	}
	await db.insertInto('sync_state').values({ id: 1, seq, min_cursor: 0 }).execute();
}
