import { z } from 'zod';
import { mutationSchema, syncRecordSchema } from '$lib/domain/sync/protocol';
import { passphraseProblem } from '$lib/domain/unlock';
import { applyChanges } from '../store/changes';
import { indexRecord, type DeviceDatabase, type OutboxEntry } from '../store/database';
import { clientIdOf, loadClock, saveClock } from '../store/meta';
import { noteExported } from '../store/views';
import { openWithPassphrase, passphraseSealedSchema, sealWithPassphrase } from '../vault/passphrase-seal';
import { fromServer, localChanges, toSyncRecord } from './server-copy';

const FORMAT = 'fellside-unsynced-changes';
const NOT_OURS = 'This is not a file of unsynced changes exported from Fellside';

/** One change as exported: an outbox entry without its device-local numbering. */
const exportedChangeSchema = mutationSchema.omit({ id: true }).extend({
	/** Why the server refused it, when it had. */
	refusedBecause: z.string().optional()
});

/**
 * What a file carries: version 1, as files were written before they were sealed (such files still
 * import), and as the sealed content of a version 2 file.
 */
const unsyncedSchema = z.object({
	format: z.literal(FORMAT, { error: NOT_OURS }),
	version: z.literal(1),
	exportedAt: z.iso.datetime(),
	clientId: z.string(),
	changes: z.array(exportedChangeSchema),
	records: z.array(syncRecordSchema)
});
export type UnsyncedExport = z.infer<typeof unsyncedSchema>;

/** A file as written now: only the format and time in plain text, the rest sealed under a passphrase. */
const sealedFileSchema = z.object({
	format: z.literal(FORMAT, { error: NOT_OURS }),
	version: z.literal(2),
	exportedAt: z.iso.datetime(),
	sealed: passphraseSealedSchema
});

const versionSchema = z.object({
	format: z.literal(FORMAT, { error: NOT_OURS }),
	version: z.int({ error: 'This file has no version Fellside knows' }).min(1)
});
const NEWEST = 2;

/** The GCM additional data of a version 2 file: its plain header, so it cannot be swapped. */
const sealContext = (exportedAt: string) => `${FORMAT} v2 ${exportedAt}`;

/** A file that cannot be imported, saying why, and which field to fix. Nothing of it was stored. */
export class ImportFailed extends Error {
	override name = 'ImportFailed';
	constructor(
		message: string,
		/** The file chosen, or the passphrase typed for it. */
		readonly field: 'file' | 'passphrase' = 'file'
	) {
		super(message);
	}
}

export interface ImportOutcome {
	/** Changes queued to be sent. */
	queued: number;
	/** Changes already on this device (the same file imported twice). */
	skipped: number;
	/** Whether the file was sealed; one that was not (from an older Fellside) is best deleted soon. */
	sealed: boolean;
}

export interface Exported {
	/** The file's text. */
	text: string;
	/**
	 * Why the export could not be noted for the audit log (a full or closed store), or null when it
	 * was. The file is handed over all the same: it is the last resort when storage is full.
	 */
	notNoted: string | null;
}

export interface ExportOptions {
	now?: () => string;
	/** Whether the browser believes it has a network, for the audit log. */
	online?: () => boolean;
	/** Tests only: fewer PBKDF2 iterations than the 600,000 used otherwise. */
	insecureIterationsForTests?: number;
}

/**
 * Every change not yet on the server (waiting or refused) and the records they belong to, as the
 * text of a file a person can save: the last resort when a device cannot sync and must be handed
 * in. The file holds people's personal and health details, so all of it but its format and time is
 * sealed under `passphrase` (at least `PASSPHRASE_MIN_LENGTH` characters), which importing needs.
 * Each record in it is noted for the audit log, reported at the next sync.
 */
export async function exportUnsynced(
	db: DeviceDatabase,
	passphrase: string,
	options: ExportOptions = {}
): Promise<Exported> {
	const problem = passphraseProblem(passphrase);
	if (problem) throw new RangeError(problem);
	const exportedAt = (options.now ?? (() => new Date().toISOString()))();
	const content = await db.write(async () => {
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
		return { format: FORMAT, version: 1, exportedAt, clientId, changes, records } satisfies UnsyncedExport;
	});
	const sealed = await sealWithPassphrase(
		JSON.stringify(content),
		passphrase,
		sealContext(exportedAt),
		options.insecureIterationsForTests
	);
	// Only once the file is made: an export that failed put nothing in anyone's hands.
	const online = options.online ?? (() => globalThis.navigator?.onLine ?? true);
	const exportedRecords = new Map(content.changes.map((change) => [change.recordId, change.type]));
	const notNoted = await noteExported(
		db,
		[...exportedRecords].map(([recordId, type]) => ({ recordId, type })),
		exportedAt,
		!online()
	).then(
		() => null,
		(error: unknown) => String(error instanceof Error ? error.message : error)
	);
	const file = { format: FORMAT, version: 2, exportedAt, sealed } satisfies z.infer<typeof sealedFileSchema>;
	return { text: JSON.stringify(file, null, 1), notNoted };
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
export async function importUnsynced(
	db: DeviceDatabase,
	text: string,
	passphrase = ''
): Promise<ImportOutcome> {
	const { file, sealed } = await readExport(text, passphrase);
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
		return { queued: queued.length, skipped, sealed };
	});
}

/** The changes a file carries, opened with `passphrase` when it is sealed; `ImportFailed` says why not. */
async function readExport(
	text: string,
	passphrase: string
): Promise<{ file: UnsyncedExport; sealed: boolean }> {
	const json = parseJson(text, 'it is not a Fellside export (not JSON)');
	const { version } = checked(versionSchema, json);
	if (version > NEWEST)
		throw new ImportFailed('This file was exported by a newer Fellside: update Fellside, then import it.');
	if (version === 1) return { file: checked(unsyncedSchema, json), sealed: false };
	const file = checked(sealedFileSchema, json);
	if (passphrase === '')
		throw new ImportFailed('Enter the passphrase the file was exported with.', 'passphrase');
	const content = await openWithPassphrase(file.sealed, passphrase, sealContext(file.exportedAt));
	if (content === null)
		throw new ImportFailed(
			'That is not the passphrase this file was exported with. Check it with whoever exported the file.',
			'passphrase'
		);
	return { file: checked(unsyncedSchema, parseJson(content, 'what it holds is not JSON')), sealed: true };
}

function parseJson(text: string, problem: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ImportFailed(`This file cannot be imported: ${problem}.`);
	}
}

function checked<T>(schema: z.ZodType<T>, json: unknown): T {
	const parsed = schema.safeParse(json);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
	throw new ImportFailed(`This file cannot be imported: ${issue?.message ?? 'it is not valid'}${where}.`);
}
