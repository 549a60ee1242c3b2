import { sql, type Kysely } from 'kysely';
import { atomically } from './atomically';
import { isPostgres } from './dialect';

/**
 * Sign-in and audit: staff sessions (only a hash of each token is stored), sign-in throttling
 * counters, and the append-only, hash-chained audit log. Portable DDL, plus a trigger on each
 * database that refuses to change or delete an audit entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		await db.schema
			.createTable('staff_session')
			.addColumn('token_hash', 'text', (c) => c.primaryKey().notNull())
			.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
			.addColumn('device_id', 'text')
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('last_used_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('staff_session_staff').on('staff_session').column('staff_id').execute();

		await db.schema
			.createTable('sign_in_throttle')
			.addColumn('key', 'text', (c) => c.primaryKey().notNull())
			.addColumn('failures', 'integer', (c) => c.notNull())
			.addColumn('window_started_at', 'text', (c) => c.notNull())
			.addColumn('blocked_until', 'text')
			.execute();

		await db.schema
			.createTable('audit_log')
			.addColumn('seq', 'bigint', (c) => c.primaryKey().notNull())
			.addColumn('at', 'text', (c) => c.notNull())
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('staff_id', 'text')
			.addColumn('device_id', 'text')
			.addColumn('ip', 'text')
			.addColumn('target_type', 'text')
			.addColumn('target_id', 'text')
			.addColumn('area_id', 'text')
			.addColumn('details', 'text', (c) => c.notNull())
			.addColumn('prev_hash', 'text', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.execute();
		for (const column of ['at', 'staff_id', 'target_id', 'action']) {
			await db.schema.createIndex(`audit_log_${column}`).on('audit_log').column(column).execute();
		}
		await refuseAuditChanges(db);
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await atomically(db, async () => {
		if (isPostgres(db)) await sql`drop function if exists audit_log_append_only() cascade`.execute(db);
		for (const table of ['audit_log', 'sign_in_throttle', 'staff_session']) {
			await db.schema.dropTable(table).execute();
		}
	});
}

/**
 * The application only ever appends to the audit log; the database refuses anything else, so a bug
 * cannot rewrite history. Someone with full control of the database can still drop the trigger:
 * the hash chain (`npm run audit:verify`) is what detects that.
 */
async function refuseAuditChanges(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			create function audit_log_append_only() returns trigger language plpgsql as $$
			begin
				raise exception 'The audit log is append-only: entries cannot be changed or deleted';
			end;
			$$`.execute(db);
		await sql`
			create trigger audit_log_append_only before update or delete on audit_log
			for each row execute function audit_log_append_only()`.execute(db);
		return;
	}
	for (const event of ['update', 'delete']) {
		await sql`
			create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on audit_log
			begin
				select raise(abort, 'The audit log is append-only: entries cannot be changed or deleted');
			end`.execute(db);
	}
}
