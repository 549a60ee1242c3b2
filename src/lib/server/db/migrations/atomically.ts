import { sql, type Kysely } from 'kysely';

/**
 * All or nothing: PostgreSQL runs each migration in a transaction already; Kysely runs SQLite's
 * outside one, on its single connection, so there this opens and closes its own.
 */
export async function atomically<T>(db: Kysely<T>, work: () => Promise<void>): Promise<void> {
	if (db.isTransaction) return work();
	await sql`begin`.execute(db);
	try {
		await work();
		await sql`commit`.execute(db);
	} catch (error) {
		await sql`rollback`.execute(db);
		throw error;
	}
}
