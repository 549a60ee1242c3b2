import { Migrator, type Kysely } from 'kysely';
import { migrationProvider, migrations } from './migrations';
import type { Database } from './schema';

export interface MigrationStatus {
	applied: number;
	expected: number;
	current: boolean;
	pending: string[];
}

function migrator(db: Kysely<Database>): Migrator {
	return new Migrator({ db, provider: migrationProvider });
}

/** Run every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationStatus> {
	const { error, results } = await migrator(db).migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Migration ${failed} failed: ${reason}`);
	}
	return migrationStatus(db);
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
	const all = await migrator(db).getMigrations();
	const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
	const expected = Object.keys(migrations).length;
	return { applied: all.length - pending.length, expected, current: pending.length === 0, pending };
}
