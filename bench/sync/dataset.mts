/**
 * The records bench:sync replicates: the demo generator's (all seven types, schema-valid, linked
 * both ways). A push needs records the server has not seen, so each push saves them under new ids
 * (`asMadeNow`).
 */
import { generateDemo } from '$lib/demo/generate';
import { newRecordId } from '$lib/domain/record-ids';
import type { RecordEnvelope } from '$lib/domain/records';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function generateRecords(n: number): RecordEnvelope[] {
	const { records } = generateDemo({ size: n });
	if (records.length !== n) throw new Error(`generateDemo gave ${records.length} records, asked for ${n}`);
	return records;
}

/**
 * The records under new ids, made as a device makes them (`newRecordId`: time-ordered), one after
 * another in the order given, as if a person had just saved them in that order. Links between them
 * are renamed alike; other UUIDs (staff) are left alone. Every push, the first one that fills the
 * servers for the pulls too, saves such a copy: the same documents, new identities.
 */
export function asMadeNow(records: readonly RecordEnvelope[]): RecordEnvelope[] {
	const renamed = new Map(records.map((r) => [r.id, newRecordId()]));
	const text = JSON.stringify(records).replace(UUID, (id) => renamed.get(id) ?? id);
	const out = JSON.parse(text) as RecordEnvelope[];
	if (new Set(out.map((r) => r.id)).size !== records.length) throw new Error('new ids collide');
	return out;
}
