import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether a migration runs on PostgreSQL (else SQLite): for the few statements that differ. */
export const isPostgres = (db: Kysely<unknown>): boolean =>
	db.getExecutor().adapter instanceof PostgresAdapter;
