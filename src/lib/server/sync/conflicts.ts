import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { nodeOf, type Hlc } from '$lib/domain/sync/hlc';
import type { MergeConflict } from '$lib/domain/sync/merge';
import type { Conflict, ConflictSide, SyncRecord } from '$lib/domain/sync/protocol';
import { insertRows } from '../db/insert-rows';
import type { Database } from '../db/schema';
import { conflictToRow } from './rows';
import type { ChangeLog } from './storage';

interface Raised {
	id: string;
	record: SyncRecord;
	merge: MergeConflict;
}

/**
 * The conflicts one push raises and settles. Each side names the device that wrote it and the
 * member of staff: the one pushing for this push's own side, otherwise whoever last synced from
 * that device. Every new or settled conflict goes into the change log, so every device hears of it.
 */
export class ConflictRecorder {
	readonly #raised: Raised[] = [];
	readonly #resolved = new Map<string, string>();

	private readonly clientId: string;
	private readonly staffId: string;

	constructor(
		private readonly trx: Transaction<Database>,
		pusher: { clientId: string; staffId: string },
		private readonly now: string,
		private readonly log: ChangeLog
	) {
		this.clientId = pusher.clientId;
		this.staffId = pusher.staffId;
	}

	/** Note a conflict the merge found; its id goes in the change's answer at once. */
	raise(record: SyncRecord, merge: MergeConflict): string {
		const id = randomUUID();
		this.#raised.push({ id, record, merge });
		return id;
	}

	/** A person settled these conflicts of this record in conflict review. */
	resolve(recordId: string, conflictIds: readonly string[]): void {
		for (const id of conflictIds) this.#resolved.set(id, recordId);
	}

	async save(): Promise<void> {
		const who = await this.#devices();
		const side = (s: { value: unknown; hlc: Hlc }): ConflictSide => {
			const clientId = nodeOf(s.hlc);
			const device = who.get(clientId);
			return {
				value: s.value,
				hlc: s.hlc,
				clientId,
				deviceName: device?.name ?? null,
				staffId: clientId === this.clientId ? this.staffId : (device?.staffId ?? null)
			};
		};
		const fresh = this.#raised.map(({ id, record, merge }): Conflict => {
			const settled = this.#resolved.get(id) === record.id;
			if (settled) this.#resolved.delete(id);
			return {
				id,
				recordId: record.id,
				type: record.type,
				areaId: record.areaId,
				field: merge.field,
				status: settled ? 'resolved' : 'open',
				kept: side(merge.kept),
				other: side(merge.other),
				detectedAt: this.now,
				resolvedAt: settled ? this.now : null,
				resolvedBy: settled ? this.clientId : null
			};
		});
		await insertRows(this.trx, 'conflict', fresh.map(conflictToRow));
		for (const c of fresh) this.log.add({ kind: 'conflict', entityId: c.id, type: c.type, areaId: c.areaId });
		await this.#settleStored();
	}

	/** Open stored conflicts named by a resolving change, only those of the record it changed. */
	async #settleStored(): Promise<void> {
		const ids = [...this.#resolved.keys()];
		if (ids.length === 0) return;
		const open = await this.trx
			.selectFrom('conflict')
			.select(['id', 'record_id', 'type', 'area_id'])
			.where('id', 'in', ids)
			.where('status', '=', 'open')
			.execute();
		const settled = open.filter((row) => this.#resolved.get(row.id) === row.record_id);
		if (settled.length === 0) return;
		await this.trx
			.updateTable('conflict')
			.set({ status: 'resolved', resolved_at: this.now, resolved_by: this.clientId })
			.where(
				'id',
				'in',
				settled.map((row) => row.id)
			)
			.execute();
		for (const row of settled) {
			this.log.add({ kind: 'conflict', entityId: row.id, type: row.type, areaId: row.area_id });
		}
	}

	async #devices(): Promise<Map<string, { name: string | null; staffId: string | null }>> {
		const nodes = new Set<string>();
		for (const { merge } of this.#raised) {
			nodes.add(nodeOf(merge.kept.hlc));
			nodes.add(nodeOf(merge.other.hlc));
		}
		const found = new Map<string, { name: string | null; staffId: string | null }>();
		if (nodes.size === 0) return found;
		const rows = await this.trx
			.selectFrom('sync_client')
			.select(['id', 'device_name', 'staff_id'])
			.where('id', 'in', [...nodes])
			.execute();
		for (const row of rows) found.set(row.id, { name: row.device_name, staffId: row.staff_id });
		return found;
	}
}
