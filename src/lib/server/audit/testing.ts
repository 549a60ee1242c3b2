import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from '../db/migrate';
import type { Database } from '../db/schema';
import type { TestDatabase } from '../db/testing';
import type { AuditStore } from './log';

/** Test support: a migrated, empty database of this kind, as the audit log's store. */
export async function openAuditStore(
	kind: TestDatabase
): Promise<{ store: AuditStore; url: string; cleanup: () => Promise<void> }> {
	const handle = await kind.open();
	await migrateToLatest(handle.db);
	return { store: { db: handle.db, kind: handle.kind }, url: handle.url, cleanup: handle.cleanup };
}

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
