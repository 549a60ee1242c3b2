/**
 * Browser side of `npm run bench:sync`, bundled by sync.bench.ts with esbuild (iife) and opened in
 * Chromium on the origin of the server it replicates with (the app is same-origin with its server;
 * PouchDB's baseline is too). Exposes `window.benchSync`: each replication is timed inside the page
 * with performance.now() and returns { ms, records } for the runner to check.
 *
 * (`.mts`, not `.ts`: bench/tsconfig.json type-checks every `.ts` under bench/ for Node, and this file
 * needs the DOM and the `$lib` alias; bench/sync/tsconfig.json checks it instead.)
 */
import PouchDB from 'pouchdb-browser';
import type { RecordEnvelope } from '$lib/domain/records';
import type { BenchSyncApi, Dataset, Replicated } from './api.js';
import { asMadeNow, generateRecords } from './dataset.mjs';
import { fellsidePrepareDevice, fellsidePull, fellsidePush } from './fellside.mjs';

declare global {
	interface Window {
		benchSync: BenchSyncApi;
	}
}

let generated: RecordEnvelope[] | undefined;
/** Local databases get new names, so every run starts from an empty device. */
let runs = 0;

function records(): RecordEnvelope[] {
	if (!generated) throw new Error('benchSync.prepare() has not run');
	return generated;
}

function prepare(n: number): Promise<Dataset> {
	const start = performance.now();
	generated = generateRecords(n);
	const generateMs = performance.now() - start;
	const types: Record<string, number> = {};
	let dataBytes = 0;
	let recordBytes = 0;
	for (const r of generated) {
		types[r.type] = (types[r.type] ?? 0) + 1;
		dataBytes += JSON.stringify(r.data).length;
		recordBytes += JSON.stringify(r).length;
	}
	return Promise.resolve({
		records: n,
		meanDataBytes: dataBytes / n,
		meanRecordBytes: recordBytes / n,
		types,
		generateMs
	});
}

/** A record as a CouchDB document: the same envelope and data, the id as `_id`. */
type RecordDoc = Omit<RecordEnvelope, 'id'> & { _id: string };

function toDoc({ id, ...rest }: RecordEnvelope): RecordDoc {
	return { _id: id, ...rest };
}

const remoteDb = (name: string) => new PouchDB<RecordDoc>(new URL(`/${name}`, location.origin).href);

async function pouchPull(remote: string, batchSize: number): Promise<Replicated> {
	const local = new PouchDB<RecordDoc>(`pull-${++runs}`);
	try {
		const start = performance.now();
		const result = await PouchDB.replicate(remoteDb(remote), local, { batch_size: batchSize });
		const ms = performance.now() - start;
		if (!result.ok) throw new Error(`PouchDB pull failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
		const info = await local.info();
		return { ms, records: info.doc_count };
	} finally {
		await local.destroy();
	}
}

/** The local database prepared for the next push. */
let preparedPouch: PouchDB.Database<RecordDoc> | undefined;

async function pouchPrepareDevice(): Promise<number> {
	if (preparedPouch) throw new Error('a prepared PouchDB database has not been pushed yet');
	const local = new PouchDB<RecordDoc>(`push-${++runs}`);
	try {
		const docs = asMadeNow(records()).map(toDoc);
		const written = await local.bulkDocs(docs);
		const failed = written.filter((w) => 'error' in w);
		if (failed.length > 0) throw new Error(`${failed.length} documents not stored locally`);
	} catch (err) {
		await local.destroy();
		throw err;
	}
	preparedPouch = local;
	return records().length;
}

async function pouchPush(remote: string, batchSize: number): Promise<Replicated> {
	const local = preparedPouch;
	if (!local) throw new Error('pouchPrepareDevice() has not run');
	preparedPouch = undefined;
	try {
		const start = performance.now();
		const result = await PouchDB.replicate(local, remoteDb(remote), { batch_size: batchSize });
		const ms = performance.now() - start;
		if (!result.ok) throw new Error(`PouchDB push failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
		return { ms, records: result.docs_written };
	} finally {
		await local.destroy();
	}
}

window.benchSync = {
	prepare,
	pouchPull,
	pouchPrepareDevice,
	pouchPush,
	fellsidePull,
	fellsidePrepareDevice: () => fellsidePrepareDevice(asMadeNow(records())),
	fellsidePush
};
