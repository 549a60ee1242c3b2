import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_auth';
import * as m0004 from './0004_access';
import * as m0005 from './0005_views';
import * as m0006 from './0006_gaps_answered';
import * as m0007 from './0007_audit_checkpoints';

/**
 * Every migration, in order. Listed by hand (not read from disk) so the bundled server carries
 * them and both dialects run exactly the same set.
 */
export const migrations: Record<string, Migration> = {
	'0001_initial': m0001,
	'0002_sync': m0002,
	'0003_auth': m0003,
	'0004_access': m0004,
	'0005_views': m0005,
	'0006_gaps_answered': m0006,
	'0007_audit_checkpoints': m0007
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(migrations)
};
