/**
 * One device of the reconnect storm: what it sends when signal returns after a flood. Half its
 * mutations create records (demo records under new ids), the other half edit those records (each
 * becomes another demo record of its type, so the result is still schema-valid), all in one push
 * built and checked with the protocol's own schemas.
 */
import { newRecordId } from '$lib/domain/record-ids';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';
import { HybridClock, type Hlc } from '$lib/domain/sync/hlc';
import {
	ARCHIVED_KEY,
	PROTOCOL_VERSION,
	SCHEMA_VERSION,
	pushRequestSchema,
	type MutationInput,
	type PushRequest
} from '$lib/domain/sync/protocol';

export interface StormDevice {
	clientId: string;
	push: PushRequest;
	/** The records its creates make. */
	recordIds: string[];
}

/** The demo records to draw from, by type. */
export type Pool = Map<RecordType, RecordEnvelope[]>;

export function poolOf(records: readonly RecordEnvelope[]): Pool {
	const pool: Pool = new Map();
	for (const r of records) pool.set(r.type, [...(pool.get(r.type) ?? []), r]);
	return pool;
}

/** The fields that turn `from` into `to`: changed values, and null for each field `to` lacks. */
function difference(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, unknown> {
	const set: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(to)) {
		if (JSON.stringify(from[key]) !== JSON.stringify(value)) set[key] = value;
	}
	for (const key of Object.keys(from)) if (!(key in to)) set[key] = null;
	return set;
}

/**
 * Device number `index` with `mutations` changes (an even number): records `index * mutations / 2`
 * onwards of the demo records (wrapping), each created then edited into the next record of its type.
 */
export function stormDevice(
	records: readonly RecordEnvelope[],
	pool: Pool,
	index: number,
	mutations: number
): StormDevice {
	if (mutations < 2 || mutations % 2 !== 0) throw new Error(`mutations must be even, got ${mutations}`);
	const clientId = crypto.randomUUID();
	const clock = new HybridClock(clientId);
	const at = new Date().toISOString();
	const creates = mutations / 2;
	const made: { id: string; record: RecordEnvelope; hlc: Hlc }[] = [];
	// Record data is JSON by construction; the protocol schema checks it below.
	const list: (Omit<MutationInput, 'set'> & { set: Record<string, unknown> })[] = [];
	for (let i = 0; i < creates; i++) {
		const record = records[(index * creates + i) % records.length];
		if (!record) throw new Error('no demo records to draw from');
		// As a device makes a record's id.
		const id = newRecordId();
		const hlc = clock.tick();
		made.push({ id, record, hlc });
		list.push({
			id: list.length + 1,
			recordId: id,
			type: record.type,
			op: 'create',
			set: record.data,
			area: record.areaId,
			hlc,
			base: {},
			at
		});
	}
	for (const { id, record, hlc: created } of made) {
		const ofType = pool.get(record.type) ?? [];
		const other = ofType[(ofType.indexOf(record) + 1) % ofType.length] ?? record;
		const set = difference(record.data, other.data);
		// What the device knew of each key: its own create's stamp, or nothing for a key it never set.
		const base: Record<string, Hlc | null> = { [ARCHIVED_KEY]: null };
		for (const key of Object.keys(set)) base[key] = key in record.data ? created : null;
		list.push({
			id: list.length + 1,
			recordId: id,
			type: record.type,
			op: 'update',
			set,
			hlc: clock.tick(),
			base,
			at
		});
	}
	const push = pushRequestSchema.parse({
		protocol: PROTOCOL_VERSION,
		schemaVersion: SCHEMA_VERSION,
		clientId,
		deviceName: `Storm device ${index + 1}`,
		mutations: list
	});
	return { clientId, push, recordIds: made.map((m) => m.id) };
}
