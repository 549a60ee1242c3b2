// `npm run audit:verify`: check the audit log's hash chain and signed checkpoints in the database
// DATABASE_URL names, with the key FELLSIDE_AUDIT_KEY_FILE names and any earlier ones in
// FELLSIDE_AUDIT_PREVIOUS_KEYS (the same settings as the server's). Exit 0 when every entry checks
// out, 1 naming the first bad one.
import { existsSync } from 'node:fs';
import { loadAuditKey, loadPreviousAuditKeys } from '../../src/lib/server/audit/key';
import { verifyAuditChain } from '../../src/lib/server/audit/verify';
import {
	auditKeyFile,
	auditPreviousKeysFile,
	ConfigError,
	parseDatabaseUrl
} from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/database';

async function main(): Promise<number> {
	const config = parseDatabaseUrl(process.env.DATABASE_URL);
	if (config.kind === 'sqlite' && config.path !== ':memory:' && !existsSync(config.path)) {
		throw new ConfigError(`There is no SQLite database at ${config.path}. Check DATABASE_URL.`);
	}
	// Never made here: a new key would make every checkpoint look forged.
	const key = loadAuditKey(auditKeyFile(process.env));
	const keys = [key, ...loadPreviousAuditKeys(auditPreviousKeysFile(process.env))];
	const database = await openDatabase(config);
	try {
		const check = await verifyAuditChain(database.db, keys);
		if (check.ok) {
			const sealed = check.lastCheckpoint
				? `; ${check.checkpoints} signed checkpoint${check.checkpoints === 1 ? '' : 's'}, the latest covering entries 1–${check.lastCheckpoint.seq} (signed ${check.lastCheckpoint.at})`
				: '; no signed checkpoint yet';
			const entries =
				check.entries === 1 ? 'its one entry checks out' : `all ${check.entries} entries check out`;
			console.log(`Audit log intact: ${entries}${sealed}.`);
			return 0;
		}
		const when = check.at ? ` (written ${check.at})` : '';
		console.error(`Audit log NOT intact at entry ${check.seq}${when}: ${check.problem}.`);
		console.error(`The ${check.entries} entries before it check out.`);
		return 1;
	} finally {
		await database.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		console.error(`audit:verify cannot run: ${message}`);
		process.exit(2);
	}
);
