import { sql, type Kysely } from 'kysely';
import { atomically } from './atomically';
import { isPostgres } from './dialect';

/**
 * Signed checkpoints of the audit log (S18): now and then the server signs the latest entry's
 * number and hash with a key kept outside the database. Append-only, like the log itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema
			.createTable('audit_checkpoint')
			.addColumn('seq', 'bigint', (c) => c.primaryKey().notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('key_id', 'text', (c) => c.notNull())
			.addColumn('signature', 'text', (c) => c.notNull())
			.execute();
		if (isPostgres(db)) {
			// The log's own function: it refuses any change with the same message.
			await sql`
				create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
				for each row execute function audit_log_append_only()`.execute(db);
			return;
		}
		for (const event of ['update', 'delete']) {
			await sql`
				create trigger ${sql.raw(`audit_checkpoint_no_${event}`)} before ${sql.raw(event)} on audit_checkpoint
				begin
					select raise(abort, 'The audit log is append-only: entries cannot be changed or deleted');
				end`.execute(db);
		}
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema.dropTable('audit_checkpoint').execute();
	});
}
