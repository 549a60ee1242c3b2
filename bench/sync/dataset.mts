/**
 * The records bench:sync replicates: the demo generator's (all seven types, schema-valid, linked
 * both ways). A push needs records the server has not seen, so each later push run gets the same
 * records under new ids (links between them renamed alike): the same documents, new identities.
 */
import { generateDemo } from '$lib/demo/generate';
import type { RecordEnvelope } from '$lib/domain/records';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function generateRecords(n: number): RecordEnvelope[] {
	const { records } = generateDemo({ size: n });
	if (records.length !== n) throw new Error(`generateDemo gave ${records.length} records, asked for ${n}`);
	return records;
}

/**
 * A record id for the `generation`th copy: the first 8 hex digits XORed with the generation, so
 * the version and variant digits (and so UUID validity) are untouched.
 */
function renamed(id: string, generation: number): string {
	const head = (parseInt(id.slice(0, 8), 16) ^ generation) >>> 0;
	return `${head.toString(16).padStart(8, '0')}${id.slice(8)}`;
}

/** The records under new ids for `generation` > 0 (0 gives them back as they are). */
export function generationOf(records: readonly RecordEnvelope[], generation: number): RecordEnvelope[] {
	if (!Number.isInteger(generation) || generation < 0 || generation > 0xffff) {
		throw new RangeError(`generation must be a whole number 0-65535, got ${generation}`);
	}
	if (generation === 0) return [...records];
	const ids = new Set(records.map((r) => r.id));
	// Ids of other records (links) are renamed too; other UUIDs (staff) are left alone.
	const text = JSON.stringify(records).replace(UUID, (id) => (ids.has(id) ? renamed(id, generation) : id));
	const out = JSON.parse(text) as RecordEnvelope[];
	if (new Set(out.map((r) => r.id)).size !== records.length) throw new Error('renamed ids collide');
	return out;
}
