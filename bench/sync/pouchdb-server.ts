/**
 * The baseline's server for bench:sync: express-pouchdb (the CouchDB replication API that
 * pouchdb-server serves), in its own process like the Fellside server, on one of two stores:
 * - POUCH_STORAGE=memory (the default): PouchDB's in-memory adapter, the fastest storage it has,
 *   which keeps nothing across a restart;
 * - POUCH_STORAGE=leveldb: LevelDB files under POUCH_DIR, what pouchdb-server stores in when
 *   installed and started as it comes.
 * Listens on HOST:PORT and answers GET /api/v1/health like Fellside, so bench/lib/server.ts can
 * start it and wait for it the same way. Run as `node --import tsx bench/sync/pouchdb-server.ts`.
 */
import http from 'node:http';
import { join } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldb from 'pouchdb-adapter-leveldb';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port <= 0)
	throw new Error(`PORT must be a port number, got '${process.env.PORT}'`);

function storedPouchDB() {
	const storage = process.env.POUCH_STORAGE ?? 'memory';
	if (storage === 'memory') return PouchDB.plugin(memory).plugin(mapreduce).defaults({ adapter: 'memory' });
	if (storage !== 'leveldb') throw new Error(`POUCH_STORAGE must be memory or leveldb, got '${storage}'`);
	const dir = process.env.POUCH_DIR;
	if (!dir) throw new Error('POUCH_STORAGE=leveldb needs POUCH_DIR, the directory to keep the databases in');
	// A database's files go in a directory named after it (the prefix ends in a separator).
	return PouchDB.plugin(leveldb)
		.plugin(mapreduce)
		.defaults({ adapter: 'leveldb', prefix: join(dir, '/') } as PouchDB.Configuration.DatabaseConfiguration);
}

const couch = expressPouchDB(storedPouchDB(), { mode: 'minimumForPouchDB', inMemoryConfig: true });

http
	.createServer((req, res) => {
		if (req.method === 'GET' && req.url === '/api/v1/health') {
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
		} else couch(req, res);
	})
	.listen(port, host);
