import type { Kysely } from 'kysely';
import { atomically } from './atomically';

/**
 * Access facts on records: who first created each one and who it is assigned to, so a pull can
 * send each person only what the access rules let them see; and on each device, the scope it last
 * pulled with, so a change of role or areas starts a fresh download.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema.alterTable('record').addColumn('created_by', 'text').execute();
		await db.schema.alterTable('record').addColumn('assigned_to', 'text').execute();
		await db.schema.createIndex('record_assigned_to').on('record').column('assigned_to').execute();
		await db.schema.createIndex('record_created_by').on('record').column('created_by').execute();
		await db.schema.alterTable('sync_client').addColumn('scope_fingerprint', 'text').execute();
		await backfill(db);
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema.alterTable('sync_client').dropColumn('scope_fingerprint').execute();
		await db.schema.dropIndex('record_created_by').execute();
		await db.schema.dropIndex('record_assigned_to').execute();
		await db.schema.alterTable('record').dropColumn('assigned_to').execute();
		await db.schema.alterTable('record').dropColumn('created_by').execute();
	});
}

const BATCH = 500;
/** The data field naming the assignee, as record types stood when this migration was written. */
const ASSIGNEE_FIELD: Record<string, string> = { referral: 'assignedCoach', visit: 'assignedTo' };

/** The tables as this migration leaves them (not today's schema types, which may move on). */
type Tables = {
	record: { id: string; type: string; data: string; created_by: string | null; assigned_to: string | null };
	audit_log: { seq: number; action: string; staff_id: string | null; target_id: string | null };
};

/**
 * The assignee from each record's data; the creator from the audit log's first `record-create`
 * entry for it (records stored before the audit log existed keep no creator).
 */
async function backfill(unknownDb: Kysely<unknown>): Promise<void> {
	const db = unknownDb.withTables<Tables>();
	let after = '';
	for (;;) {
		const page = await db
			.selectFrom('record')
			.select(['id', 'type', 'data'])
			.where('id', '>', after)
			.orderBy('id')
			.limit(BATCH)
			.execute();
		if (page.length === 0) break;
		for (const row of page) {
			const field = ASSIGNEE_FIELD[row.type];
			const assignee = field ? (JSON.parse(row.data) as Record<string, unknown>)[field] : undefined;
			if (typeof assignee !== 'string' || assignee === '') continue;
			await db.updateTable('record').set({ assigned_to: assignee }).where('id', '=', row.id).execute();
		}
		after = page.at(-1)?.id ?? after;
	}
	await db
		.updateTable('record')
		.set((eb) => ({
			created_by: eb
				.selectFrom('audit_log')
				.select('audit_log.staff_id')
				.where('audit_log.action', '=', 'record-create')
				.whereRef('audit_log.target_id', '=', 'record.id')
				.orderBy('audit_log.seq')
				.limit(1)
		}))
		.execute();
}
