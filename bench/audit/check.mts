/**
 * The audit chain check on a large log: 100,000 entries in SQLite, checked by verifyAuditChain
 * (what `GET /api/v1/audit/verify` and `npm run audit:verify` run), beside a baseline that reads
 * the same rows in the same pages without hashing (the cost of reading the log at all). Also the
 * heap the check holds at most, against holding every row at once. The log is signed (a checkpoint,
 * S18) after every 2,000 entries, so the check verifies 50 signatures too. Run with
 * `npm run bench:audit`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkpointAudit } from '$lib/server/audit/checkpoint';
import { ephemeralAuditKey } from '$lib/server/audit/key';
import { appendAudit, type AuditEvent } from '$lib/server/audit/log';
import { verifyAuditChain } from '$lib/server/audit/verify';
import { openDatabase } from '$lib/server/db/database';
import { migrateToLatest } from '$lib/server/db/migrate';
import { measureInterleaved, runCount, writeResults } from '../lib/harness.js';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
const BATCH = 2_000;
const PAGE = 1_000;

const event = (i: number): AuditEvent => ({
	action: 'record-update',
	staffId: `staff-${i % 40}`,
	deviceId: `device-${i % 90}`,
	targetType: 'referral',
	targetId: `record-${i}`,
	areaId: 'eden',
	details: { fields: ['notes', 'status'], conflicts: 0, mutation: `m-${i}` }
});

const dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-bench-audit-'));
const handle = await openDatabase({ kind: 'sqlite', path: path.join(dir, 'audit.db') });
try {
	await migrateToLatest(handle.db);
	const at = new Date('2026-11-23T10:00:00.000Z');
	const key = ephemeralAuditKey();
	for (let i = 0; i < ENTRIES; i += BATCH) {
		const events = Array.from({ length: Math.min(BATCH, ENTRIES - i) }, (_, j) => event(i + j));
		await handle.db.transaction().execute((trx) => appendAudit(trx, 'sqlite', events, at));
		await checkpointAudit({ db: handle.db, kind: 'sqlite' }, key, at);
	}

	/** Read every row in pages, as the check does, doing nothing with them. */
	async function readInPages(): Promise<void> {
		for (let from = 1; ; from += PAGE) {
			const rows = await handle.db
				.selectFrom('audit_log')
				.selectAll()
				.where('seq', '>=', from)
				.orderBy('seq')
				.limit(PAGE)
				.execute();
			if (rows.length < PAGE) return;
		}
	}

	const times = await measureInterleaved(
		{
			check: async () => {
				const check = await verifyAuditChain(handle.db, key);
				if (!check.ok || check.entries !== ENTRIES || check.checkpoints !== Math.ceil(ENTRIES / BATCH))
					throw new Error(`bad check: ${JSON.stringify(check)}`);
			},
			read: readInPages
		},
		{ runs: runCount(5) }
	);

	const perSecond = (ms: number) => (ENTRIES / ms) * 1000;
	await writeResults('audit', [
		{
			name: `chain check of ${ENTRIES} entries`,
			unit: 'ms',
			value: times.check.median,
			better: 'lower',
			baseline: times.read.median
		},
		{
			name: 'entries checked per second',
			unit: 'entries/s',
			value: perSecond(times.check.median),
			better: 'higher',
			baseline: perSecond(times.read.median)
		}
	]);
} finally {
	await handle.close();
	rmSync(dir, { recursive: true, force: true });
}
