/**
 * The baseline's server for bench:sync: express-pouchdb (the CouchDB replication API that
 * pouchdb-server serves) over PouchDB's in-memory adapter, in its own process like the Fellside
 * server. Listens on HOST:PORT and answers GET /api/v1/health like Fellside, so bench/lib/server.ts
 * can start it and wait for it the same way. Run as `node --import tsx bench/sync/pouchdb-server.ts`.
 */
import http from 'node:http';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port <= 0)
	throw new Error(`PORT must be a port number, got '${process.env.PORT}'`);

// In memory: the fastest storage PouchDB's server has, so the baseline is at its best.
const MemoryPouchDB = PouchDB.plugin(memory).plugin(mapreduce).defaults({ adapter: 'memory' });
const couch = expressPouchDB(MemoryPouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true });

http
	.createServer((req, res) => {
		if (req.method === 'GET' && req.url === '/api/v1/health') {
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
		} else couch(req, res);
	})
	.listen(port, host);
