/**
 * PostgreSQL for benchmarks: the server at FELLSIDE_BENCH_PG_URL when set, else a throw-away cluster
 * started as `npm test` starts one (scripts/postgres.js) and removed on exit. Each benchmark database
 * is created fresh and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensurePostgres, startPostgres } from '../../scripts/postgres.js';
import { atExit } from './server.js';

export interface BenchPostgres {
	/** Where it runs, for the log (no password). */
	describe: string;
	/** A new empty database; `drop()` removes it. */
	createDatabase: (prefix: string) => Promise<{ url: string; drop: () => Promise<void> }>;
	/** Drop what is left and stop the throw-away cluster, if we started one. */
	stop: () => Promise<void>;
}

async function admin(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

function redacted(url: string): string {
	const u = new URL(url);
	u.password = '';
	return u.toString();
}

export async function benchPostgres(): Promise<BenchPostgres> {
	const given = process.env.FELLSIDE_BENCH_PG_URL;
	let adminUrl: string;
	let stopCluster = (): void => undefined;
	let describe: string;
	if (given) {
		adminUrl = given;
		describe = `FELLSIDE_BENCH_PG_URL ${redacted(given)}`;
	} else {
		const cluster = await startPostgres(ensurePostgres());
		const forget = atExit(cluster.stop);
		stopCluster = () => {
			forget();
			cluster.stop();
		};
		adminUrl = cluster.url;
		describe = `throw-away cluster ${cluster.url}`;
	}
	const live = new Set<string>();
	const drop = async (name: string): Promise<void> => {
		live.delete(name);
		await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	};
	return {
		describe,
		async createDatabase(prefix) {
			if (!/^[a-z_]+$/.test(prefix)) throw new Error(`bad database prefix '${prefix}'`);
			const name = `${prefix}_${randomBytes(5).toString('hex')}`;
			await admin(adminUrl, `CREATE DATABASE ${name}`);
			live.add(name);
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			return { url: url.toString(), drop: () => drop(name) };
		},
		async stop() {
			for (const name of [...live]) await drop(name).catch((err: unknown) => console.error(String(err)));
			stopCluster();
		}
	};
}
