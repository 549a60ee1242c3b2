import type { Kysely } from 'kysely';
import { atomically } from './atomically';

/**
 * How many times the server has told a device of a gap in its numbering. A device renumbers only
 * after such an answer, so a push held back waiting for an earlier one (see sync/push) that finds
 * the count changed was numbered before and must not be applied.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema
			.alterTable('sync_client')
			.addColumn('gaps_answered', 'bigint', (c) => c.notNull().defaultTo(0))
			.execute();
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema.alterTable('sync_client').dropColumn('gaps_answered').execute();
	});
}
