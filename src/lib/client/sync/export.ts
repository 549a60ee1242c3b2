import { z } from 'zod';
import { mutationSchema, syncRecordSchema } from '$lib/domain/sync/protocol';
import { applyChanges } from '../store/changes';
import { indexRecord, type DeviceDatabase, type OutboxEntry } from '../store/database';
import { clientIdOf, loadClock, saveClock } from '../store/meta';
import { fromServer, localChanges, toSyncRecord } from './server-copy';

const FORMAT = 'fellside-unsynced-changes';

/** One change as exported: an outbox entry without its device-local numbering. */
const exportedChangeSchema = mutationSchema.omit({ id: true }).extend({
	/** Why the server refused it, when it had. */
	refusedBecause: z.string().optional()
});

const exportFileSchema = z.object({
	format: z.literal(FORMAT, { error: 'This is not a file of unsynced changes exported from Fellside' }),
	version: z.literal(1, {
		error: 'This file was exported by a newer Fellside: update Fellside, then import it'
	}),
	exportedAt: z.iso.datetime(),
	clientId: z.string(),
	changes: z.array(exportedChangeSchema),
	records: z.array(syncRecordSchema)
});
export type UnsyncedExport = z.infer<typeof exportFileSchema>;

/** A file that cannot be imported, saying why. Nothing of it was stored. */
export class ImportFailed extends Error {
	override name = 'ImportFailed';
}

export interface ImportOutcome {
	/** Changes queued to be sent. */
	queued: number;
	/** Changes already on this device (the same file imported twice). */
	skipped: number;
}

/**
 * Every change not yet on the server (waiting or refused) and the records they belong to, as JSON
 * text a person can save to a file: the last resort when a device cannot sync and must be handed in.
 */
export async function exportUnsynced(
	db: DeviceDatabase,
	now = () => new Date().toISOString()
): Promise<string> {
	const file = await db.write(async () => {
		const clientId = await clientIdOf(db.meta);
		const waiting = await db.seal.openEntries(await db.outbox.orderBy('seq').toArray());
		const refused = await db.seal.openRefused(await db.refused.orderBy('id').toArray());
		const changes = [
			...refused.map((row) => ({ ...exported(row.entry), refusedBecause: row.reason })),
			...waiting.map(exported)
		];
		const ids = [...new Set(changes.map((change) => change.recordId))];
		const found = (await db.records.bulkGet(ids)).filter((r) => r !== undefined);
		const records = (await db.seal.openRecords(found)).map(toSyncRecord);
		return {
			format: FORMAT,
			version: 1,
			exportedAt: now(),
			clientId,
			changes,
			records
		} satisfies UnsyncedExport;
	});
	return JSON.stringify(file, null, 1);
}

function exported(entry: OutboxEntry): z.infer<typeof exportedChangeSchema> {
	const { seq: _seq, mutationId: _id, ...change } = entry;
	return change as z.infer<typeof exportedChangeSchema>;
}

/**
 * Queue the changes in an exported file on this device, as new changes to send. A change already
 * here (same record, same clock stamp) is skipped, so importing a file twice does no harm; the
 * server applies a change's values idempotently in any case. Records the device lacks are added.
 */
export async function importUnsynced(db: DeviceDatabase, text: string): Promise<ImportOutcome> {
	const file = parseExport(text);
	return db.write(async () => {
		const clock = await loadClock(db.meta, Date.now);
		const ids = [...new Set(file.changes.map((change) => change.recordId))];
		const present = await localChanges(db, ids);
		const seen = new Set([...present.values()].flat().map((entry) => `${entry.recordId} ${entry.hlc}`));
		const queued: OutboxEntry[] = [];
		const fresh = new Map<string, OutboxEntry[]>();
		let skipped = 0;
		for (const { refusedBecause: _, ...change } of file.changes) {
			clock.receive(change.hlc);
			const key = `${change.recordId} ${change.hlc}`;
			if (seen.has(key)) {
				skipped++;
				continue;
			}
			seen.add(key);
			queued.push(change);
			fresh.set(change.recordId, [...(fresh.get(change.recordId) ?? []), change]);
		}
		const exportedRecords = new Map(file.records.map((record) => [record.id, record]));
		const found = (await db.records.bulkGet(ids)).filter((r) => r !== undefined);
		const local = new Map((await db.seal.openRecords(found)).map((record) => [record.id, record]));
		const rows = ids.flatMap((id) => {
			const copy = exportedRecords.get(id);
			const record = local.get(id) ?? (copy ? fromServer(copy) : undefined);
			if (!record) return [];
			for (const version of Object.values(record.versions)) clock.receive(version);
			return [indexRecord(applyChanges(record, fresh.get(id) ?? []))];
		});
		const [sealedEntries, sealedRecords] = await Promise.all([
			db.seal.entries(queued),
			db.seal.records(rows)
		]);
		await db.outbox.bulkAdd(sealedEntries);
		await db.records.bulkPut(sealedRecords);
		await saveClock(db.meta, clock);
		return { queued: queued.length, skipped };
	});
}

function parseExport(text: string): UnsyncedExport {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new ImportFailed('This file cannot be imported: it is not a Fellside export (not JSON).');
	}
	const parsed = exportFileSchema.safeParse(json);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
	throw new ImportFailed(`This file cannot be imported: ${issue?.message ?? 'it is not valid'}${where}.`);
}
