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
}

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
	created_at: string;
	updated_at: string;
}

export interface AppMetaTable {
	key: string;
	value: string;
}
