import type { Kysely } from 'kysely';
import { atomically } from './atomically';

/**
 * Sensitive records opened on a device reach the audit log at its next sync; each device numbers
 * its views, and the server keeps the last number it recorded so a resent report is recorded once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema
			.alterTable('sync_client')
			.addColumn('last_view_id', 'bigint', (c) => c.notNull().defaultTo(0))
			.execute();
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema.alterTable('sync_client').dropColumn('last_view_id').execute();
	});
}
