import type { ColumnType } from 'kysely';

/**
 * The one database schema, shared by SQLite and PostgreSQL. Portable column types only: text for
 * ids, ISO-8601 timestamps and JSON documents, so both dialects hold byte-identical values.
 */
export interface Database {
	area: AreaTable;
	staff: StaffTable;
	record: RecordTable;
	app_meta: AppMetaTable;
	sync_state: SyncStateTable;
	change_log: ChangeLogTable;
	sync_client: SyncClientTable;
	sync_mutation: SyncMutationTable;
	conflict: ConflictTable;
	tombstone: TombstoneTable;
	staff_session: StaffSessionTable;
	sign_in_throttle: SignInThrottleTable;
	audit_log: AuditLogTable;
	audit_checkpoint: AuditCheckpointTable;
}

/**
 * 64-bit counters: better-sqlite3 reads them as numbers, node-postgres as strings (a bigint may
 * exceed 2^53). Read them through `Number()`; sync's sequence numbers stay far below 2^53.
 */
export type BigIntColumn = ColumnType<number | string, number, number>;

export interface AreaTable {
	id: string;
	name: string;
	council: string;
}

export interface StaffTable {
	id: string;
	username: string;
	display_name: string;
	role: string;
	/** JSON array of area ids. */
	area_ids: string;
	/** argon2id PHC string; null until an administrator sets a password. */
	password_hash: string | null;
	disabled: ColumnType<number, number | undefined, number>;
	created_at: string;
	updated_at: string;
}

export interface RecordTable {
	id: string;
	type: string;
	area_id: string;
	/** JSON object of the record's fields. */
	data: string;
	/** JSON object: the clock stamp of the last write to each data field, '@area' and '@archived'. */
	versions: ColumnType<string, string | undefined, string>;
	created_at: string;
	updated_at: string;
	archived_at: ColumnType<string | null, string | null | undefined, string | null>;
	/** The member of staff who first wrote the record (through sync); never changed. */
	created_by: ColumnType<string | null, string | null | undefined, string | null>;
	/** Who the record's data says it is assigned to (a referral's coach, a visit's officer). */
	assigned_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AppMetaTable {
	key: string;
	value: string;
}

/** One row: the last sequence number handed out, and the newest one pruned (older cursors reset). */
export interface SyncStateTable {
	id: number;
	seq: BigIntColumn;
	min_cursor: BigIntColumn;
}

export type ChangeKind = 'record' | 'conflict' | 'tombstone';

/** One row per record, conflict or tombstone: the sequence number of its latest change. */
export interface ChangeLogTable {
	kind: ChangeKind;
	entity_id: string;
	seq: BigIntColumn;
	/** The record type, so a pull can be scoped without reading the entity. */
	type: string;
	area_id: string;
}

/** A device that synced: its name for conflict review and the last mutation id it had applied. */
export interface SyncClientTable {
	id: string;
	device_name: string | null;
	/** The staff member who last synced from the device. */
	staff_id: string | null;
	last_mutation_id: BigIntColumn;
	created_at: string;
	last_seen_at: string;
	/** A hash of who pulled last and their role and areas: a change means a fresh download. */
	scope_fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
	/** The last view of a sensitive record this device reported (see sync/views). */
	last_view_id: ColumnType<number | string, number | undefined, number>;
	/** How many times the device was told of a gap in its numbering (see sync/push). */
	gaps_answered: ColumnType<number | string, number | undefined, number>;
}

/** The answer given to each mutation, so a replay gets exactly the same one. */
export interface SyncMutationTable {
	client_id: string;
	mutation_id: BigIntColumn;
	record_id: string;
	status: 'applied' | 'rejected';
	/** JSON: the mutation's result as first answered. */
	result: string;
	applied_at: string;
}

export interface ConflictTable {
	id: string;
	record_id: string;
	type: string;
	area_id: string;
	field: string;
	status: 'open' | 'resolved';
	/** JSON conflict sides: the value kept and the one that lost, with stamp and who. */
	kept: string;
	other: string;
	detected_at: string;
	resolved_at: string | null;
	resolved_by: string | null;
}

/** A record removed for good (erasure), remembered until the retention horizon passes. */
export interface TombstoneTable {
	record_id: string;
	type: string;
	area_id: string;
	deleted_at: string;
}

/** A signed-in session. The token itself is never stored: only its SHA-256, so a leak of the table signs nobody in. */
export interface StaffSessionTable {
	token_hash: string;
	staff_id: string;
	/** The device's sync client id, when the device said it. */
	device_id: string | null;
	created_at: string;
	/** Moved forward as the session is used; the idle timeout runs from here. */
	last_used_at: string;
	/** The absolute end of the session, however much it is used. */
	expires_at: string;
}

/** Failed sign-ins counted per key (username and address, address and day, username), in a window. */
export interface SignInThrottleTable {
	key: string;
	failures: number;
	window_started_at: string;
	blocked_until: string | null;
}

/**
 * The audit log: append-only (the database refuses updates and deletes) and hash-chained, each
 * entry's hash covering the previous hash and its own canonical content.
 */
export interface AuditLogTable {
	seq: BigIntColumn;
	at: string;
	action: string;
	staff_id: string | null;
	device_id: string | null;
	ip: string | null;
	target_type: string | null;
	target_id: string | null;
	area_id: string | null;
	/** JSON object with sorted keys: ids, counts and field names, never values people typed. */
	details: string;
	prev_hash: string;
	hash: string;
}

/** A signed checkpoint: the audit entry `seq` had this hash when the server signed it. */
export interface AuditCheckpointTable {
	seq: BigIntColumn;
	hash: string;
	/** When it was signed (UTC). */
	at: string;
	/** Which key signed it (see audit/key). */
	key_id: string;
	/** Base64 Ed25519 signature over `checkpointMessage`. */
	signature: string;
}
