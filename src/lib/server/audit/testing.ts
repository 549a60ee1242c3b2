import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditStore } from './log';

/**
 * Test support: change the log behind the application's back, as someone with the database in
 * hand could (lifting the append-only triggers first).
 */
export async function tamper(store: AuditStore, change: (db: Kysely<Database>) => Promise<unknown>) {
	if (store.kind === 'postgres') {
		await sql`alter table audit_log disable trigger audit_log_append_only`.execute(store.db);
		await change(store.db);
		await sql`alter table audit_log enable trigger audit_log_append_only`.execute(store.db);
	} else {
		await sql`drop trigger audit_log_no_update`.execute(store.db);
		await sql`drop trigger audit_log_no_delete`.execute(store.db);
		await change(store.db);
	}
}
