import type { Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on today's schema types.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('area')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('council', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('staff')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('area_ids', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('record')
		.addColumn('id', 'text', (c) => c.primaryKey().notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('area_id', 'text', (c) => c.notNull().references('area.id'))
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('record_type_area').on('record').columns(['type', 'area_id']).execute();

	await db.schema
		.createTable('app_meta')
		.addColumn('key', 'text', (c) => c.primaryKey().notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['app_meta', 'record', 'staff', 'area']) {
		await db.schema.dropTable(table).execute();
	}
}
