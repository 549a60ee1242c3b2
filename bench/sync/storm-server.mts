/**
 * What the server holds after the storm, read straight from its database (SQLite file or
 * PostgreSQL, as the server's own DATABASE_URL says): the storm's records, its devices' last
 * mutation ids and the answers stored for them. Counted only for the storm's own devices and
 * records, so whatever else the server holds does not matter.
 */
import { parseDatabaseUrl } from '$lib/server/config';
import { openDatabase } from '$lib/server/db/database';
import type { StormResult } from './api.js';
import type { StormDevice } from './storm-device.mjs';

// Ids per `in (...)` list: far below SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

export async function countOnServer(
	databaseUrl: string,
	fleet: readonly StormDevice[],
	mutations: number
): Promise<StormResult['server']> {
	const { db, close } = await openDatabase(parseDatabaseUrl(databaseUrl));
	try {
		const server: StormResult['server'] = { records: 0, clientsComplete: 0, answers: 0 };
		for (const ids of chunks(fleet.flatMap((d) => d.recordIds))) {
			const row = await db
				.selectFrom('record')
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.where('id', 'in', ids)
				.executeTakeFirstOrThrow();
			server.records += Number(row.n);
		}
		for (const ids of chunks(fleet.map((d) => d.clientId))) {
			const clients = await db
				.selectFrom('sync_client')
				.select('last_mutation_id')
				.where('id', 'in', ids)
				.execute();
			server.clientsComplete += clients.filter((c) => Number(c.last_mutation_id) === mutations).length;
			const answers = await db
				.selectFrom('sync_mutation')
				.select((eb) => eb.fn.countAll<number | string>().as('n'))
				.where('client_id', 'in', ids)
				.where('status', '=', 'applied')
				.executeTakeFirstOrThrow();
			server.answers += Number(answers.n);
		}
		return server;
	} finally {
		await close();
	}
}
