import type { Kysely, Selectable } from 'kysely';
import type { AreaId } from '$lib/domain/areas';
import type { ApiRecord, RecordListQuery } from '$lib/domain/record-api';
import type { RecordType } from '$lib/domain/records';
import type { Database, RecordTable } from '../db/schema';
import { recordFromRow } from '../sync/rows';

/** Reading stored records for the API. Writes never come here: they go through sync's push. */

export type RecordRow = Selectable<RecordTable>;

export async function findRecord(
	db: Kysely<Database>,
	type: RecordType,
	id: string
): Promise<RecordRow | undefined> {
	return db.selectFrom('record').selectAll().where('id', '=', id).where('type', '=', type).executeTakeFirst();
}

/** Records of a type in id order after `afterId`, with the list's filters; at most `limit`. */
export async function recordsAfter(
	db: Kysely<Database>,
	type: RecordType,
	filters: { area?: AreaId; archived: RecordListQuery['archived'] },
	afterId: string | null,
	limit: number
): Promise<RecordRow[]> {
	let query = db.selectFrom('record').selectAll().where('type', '=', type);
	if (filters.area) query = query.where('area_id', '=', filters.area);
	if (filters.archived === 'exclude') query = query.where('archived_at', 'is', null);
	if (filters.archived === 'only') query = query.where('archived_at', 'is not', null);
	if (afterId) query = query.where('id', '>', afterId);
	return query.orderBy('id').limit(limit).execute();
}

/** A stored record as the API answers it: sync's clock stamps are for devices only. */
export function apiRecord(row: RecordRow): ApiRecord {
	const { versions: _versions, ...record } = recordFromRow(row);
	return record;
}
