import { checkpointAuditPeriodically } from './audit/checkpoint';
import { loadAuditKey, loadPreviousAuditKeys, type AuditPublicKey } from './audit/key';
import { pruneSignInsDaily } from './auth/prune';
import { loadConfig, type ServerConfig } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ensureAreas } from './db/reference-data';
import { seedDemoIfEmpty } from './demo/seed';
import { pruneSyncDaily } from './sync/retention';

interface Runtime {
	config: ServerConfig;
	database: DatabaseHandle;
	/** The keys the audit log's checkpoints are checked with: this server's, then any earlier ones. */
	auditKeys: readonly AuditPublicKey[];
	stopPruning: () => void;
	/** Sign the audit log's latest entry now, if it is not signed yet. */
	signAudit: () => Promise<unknown>;
}

let runtime: Runtime | undefined;

/** Start-up: read the environment, open and migrate the database, seed demo data when asked. */
export async function startRuntime(env: Record<string, string | undefined>): Promise<Runtime> {
	const config = loadConfig(env);
	const auditKey = loadAuditKey(config.auditKeyFile, { create: true });
	if (auditKey.created) {
		console.log(
			`Made a new audit signing key at ${config.auditKeyFile} (key ${auditKey.id}). Keep a copy away from the database: without it the audit log's checkpoints cannot be checked.`
		);
	}
	const previous = loadPreviousAuditKeys(config.auditPreviousKeysFile);
	const database = await openDatabase(config.database);
	try {
		await migrateToLatest(database.db);
		await ensureAreas(database.db);
		if (config.seed === 'demo') {
			const result = await seedDemoIfEmpty(database.db, { size: config.seedSize });
			if (result.seeded) console.log(`Seeded ${result.records} demo records.`);
			printDemoSignIns(result.staff);
		}
	} catch (error) {
		await database.close();
		throw error;
	}
	const checkpoints = checkpointAuditPeriodically(database, auditKey);
	const pruning = [pruneSyncDaily(database), pruneSignInsDaily(database), checkpoints];
	runtime = {
		config,
		database,
		auditKeys: [auditKey, ...previous],
		stopPruning: () => pruning.forEach((p) => p.stop()),
		signAudit: checkpoints.runNow
	};
	return runtime;
}

export function getRuntime(): Runtime {
	if (!runtime) throw new Error('The server runtime has not started');
	return runtime;
}

export async function stopRuntime(): Promise<void> {
	const current = runtime;
	runtime = undefined;
	current?.stopPruning();
	// The last entries are signed as the server stops, not left for up to an hour unsigned.
	await current?.signAudit();
	await current?.database.close();
}

function printDemoSignIns(staff: { username: string; role: string; areaIds: string[]; password: string }[]) {
	const width = Math.max(...staff.map((s) => s.username.length));
	const lines = staff.map(
		(s) => `  ${s.username.padEnd(width)}  ${s.role.padEnd(11)}  ${s.areaIds.join(', ')}`
	);
	const password = staff[0]?.password ?? '';
	console.log(['Demo sign-ins (fictional staff; password for all: ' + password + '):', ...lines].join('\n'));
}
