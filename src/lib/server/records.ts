import type { Kysely, Selectable } from 'kysely';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';
import type { Database, RecordTable } from './db/schema';

export interface RecordPage {
	records: RecordEnvelope[];
	/** Pass as `after` to read the next page; null on the last page. */
	next: string | null;
}

export async function listRecords(
	db: Kysely<Database>,
	query: { type?: RecordType; after?: string; limit: number }
): Promise<RecordPage> {
	let select = db
		.selectFrom('record')
		.selectAll()
		.orderBy('id')
		.limit(query.limit + 1);
	if (query.type) select = select.where('type', '=', query.type);
	if (query.after) select = select.where('id', '>', query.after);
	const rows = await select.execute();
	const more = rows.length > query.limit;
	const page = more ? rows.slice(0, query.limit) : rows;
	return { records: page.map(toEnvelope), next: more ? (page.at(-1)?.id ?? null) : null };
}

function toEnvelope(row: Selectable<RecordTable>): RecordEnvelope {
	return {
		id: row.id,
		type: row.type as RecordType,
		areaId: row.area_id as RecordEnvelope['areaId'],
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		data: JSON.parse(row.data) as Record<string, unknown>
	};
}
