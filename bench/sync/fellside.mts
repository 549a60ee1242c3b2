/**
 * Fellside's side of bench:sync, in the page: the real device store (DeviceDatabase, Dexie on
 * IndexedDB with strict durability) and the real sync engine over HTTP to the server this page is
 * same-origin with. Every run uses a new device database, deleted afterwards.
 */
import { DeviceDatabase } from '$lib/client/store/database';
import { clientIdOf } from '$lib/client/store/meta';
import { RecordRepository } from '$lib/client/store/repository';
import { SyncEngine } from '$lib/client/sync/engine';
import { fieldCipher, newDataKey } from '$lib/client/vault/cipher';
import { pushAll } from '$lib/client/sync/push';
import type { SyncContext } from '$lib/client/sync/sync-context';
import { kindOf } from '$lib/domain/record-kinds';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';
import type { Replicated } from './api.js';
import { TimedTransport, timeWrites } from './timed-transport.mjs';

let devices = 0;

/** A new, empty device database. */
async function newDevice(): Promise<DeviceDatabase> {
	const db = new DeviceDatabase(`fellside-bench-${++devices}`, { cipher: fieldCipher(await newDataKey()) });
	await db.open();
	return db;
}

/** Run `work` on a new device, then delete its database, whatever happens. */
async function onNewDevice<T>(work: (db: DeviceDatabase) => Promise<T>): Promise<T> {
	const db = await newDevice();
	try {
		return await work(db);
	} finally {
		await db.delete();
	}
}

/** A new device downloads everything: one full sync (nothing to push, then every page pulled). */
export function fellsidePull(): Promise<Replicated> {
	return onNewDevice(async (db) => {
		const transport = new TimedTransport();
		const writes = timeWrites(db);
		const engine = new SyncEngine(db, { transport });
		const start = performance.now();
		const outcome = await engine.sync();
		const ms = performance.now() - start;
		const records = await db.records.count();
		if (outcome.pull.changes !== records) {
			throw new Error(`pull stored ${records} records but reported ${outcome.pull.changes} changes`);
		}
		return { ms, records, phases: transport.phases(writes()) };
	});
}

/**
 * Save every record on the device as a person would (RecordRepository.create: schema check, derived
 * fields, record and outbox entry), all in one transaction as db.write() allows: set-up, untimed.
 * Each keeps the id it was given, so links between records still hold.
 */
async function createAll(db: DeviceDatabase, records: readonly RecordEnvelope[]): Promise<void> {
	let nextId: string | undefined;
	const newId = (): string => {
		if (!nextId) throw new Error('create() asked for an id twice');
		const id = nextId;
		nextId = undefined;
		return id;
	};
	const repositories = new Map<RecordType, RecordRepository<Record<string, unknown>>>();
	const repositoryOf = (type: RecordType) => {
		let repository = repositories.get(type);
		if (!repository) repositories.set(type, (repository = new RecordRepository(db, kindOf(type), { newId })));
		return repository;
	};
	await db.write(async () => {
		for (const record of records) {
			nextId = record.id;
			await repositoryOf(record.type).create(record.areaId, record.data);
		}
	});
	const waiting = await db.outbox.count();
	if (waiting !== records.length) throw new Error(`${waiting} changes waiting after ${records.length} saves`);
}

/** The device prepared for the next push, with its records saved and waiting. */
let prepared: DeviceDatabase | undefined;

/** A new device with the records saved on it, waiting to be pushed (set-up, untimed). */
export async function fellsidePrepareDevice(records: readonly RecordEnvelope[]): Promise<number> {
	if (prepared) throw new Error('a prepared device has not been pushed yet');
	const db = await newDevice();
	try {
		await createAll(db, records);
	} catch (err) {
		await db.delete();
		throw err;
	}
	prepared = db;
	return records.length;
}

/**
 * The prepared device sends everything: the engine's push (batches the server accepts, each
 * acknowledged before its entries leave the outbox), timed. Only the push, as PouchDB's one-way
 * replication is: a full sync would then download the device's own records again.
 */
export async function fellsidePush(): Promise<Replicated> {
	const db = prepared;
	if (!db) throw new Error('fellsidePrepareDevice() has not run');
	prepared = undefined;
	try {
		// What SyncEngine.sync() hands its push step.
		const transport = new TimedTransport();
		const writes = timeWrites(db);
		const context: SyncContext = {
			db,
			transport,
			clientId: await db.write(() => clientIdOf(db.meta)),
			now: () => new Date().toISOString()
		};
		const start = performance.now();
		const outcome = await pushAll(context);
		const ms = performance.now() - start;
		const waiting = await db.outbox.count();
		if (outcome.refused > 0 || waiting > 0) {
			const refused = await db.refused.limit(1).toArray();
			throw new Error(
				`push left ${waiting} waiting and ${outcome.refused} refused, e.g. ${JSON.stringify(refused[0]).slice(0, 400)}`
			);
		}
		return { ms, records: outcome.applied, phases: transport.phases(writes()) };
	} finally {
		await db.delete();
	}
}
