import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditAction, AuditDetails } from '$lib/domain/audit';
import { insertRows } from '../db/insert-rows';
import type { Database } from '../db/schema';
import { canonicalJson, entryHash, GENESIS_HASH } from './chain';

/** What happened, as the code that did it describes it; the log adds the time and the chain. */
export interface AuditEvent {
	action: AuditAction;
	staffId?: string | null;
	deviceId?: string | null;
	ip?: string | null;
	targetType?: string | null;
	targetId?: string | null;
	areaId?: string | null;
	/** Ids, counts and field names only: never a value a person typed. */
	details?: AuditDetails;
}

export interface AuditStore {
	db: Kysely<Database>;
	kind: 'sqlite' | 'postgres';
}

/** Any constant shared by every writer of the audit log: the PostgreSQL lock that orders appends. */
const AUDIT_APPEND_LOCK = 4_202_612;

/**
 * Append entries inside the caller's transaction, so they commit (or vanish) with the work they
 * describe. Appends are serialised (SQLite has one writer; PostgreSQL takes an advisory lock held
 * to commit), so each entry chains to the one committed before it.
 */
export async function appendAudit(
	trx: Transaction<Database>,
	kind: AuditStore['kind'],
	events: readonly AuditEvent[],
	at: Date
): Promise<void> {
	if (events.length === 0) return;
	if (kind === 'postgres')
		await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_APPEND_LOCK)})`.execute(trx);
	const last = await trx
		.selectFrom('audit_log')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	let seq = last ? Number(last.seq) : 0;
	let prev = last?.hash ?? GENESIS_HASH;
	const when = at.toISOString();
	const rows = events.map((event) => {
		const row = {
			seq: ++seq,
			at: when,
			action: event.action,
			staff_id: event.staffId ?? null,
			device_id: event.deviceId ?? null,
			ip: event.ip ?? null,
			target_type: event.targetType ?? null,
			target_id: event.targetId ?? null,
			area_id: event.areaId ?? null,
			details: canonicalJson(event.details ?? {}),
			prev_hash: prev,
			hash: ''
		};
		row.hash = prev = entryHash(row);
		return row;
	});
	await insertRows(trx, 'audit_log', rows);
}

/** Append entries in a transaction of their own. */
export function recordAudit(store: AuditStore, events: readonly AuditEvent[], at: Date): Promise<void> {
	return store.db.transaction().execute((trx) => appendAudit(trx, store.kind, events, at));
}
