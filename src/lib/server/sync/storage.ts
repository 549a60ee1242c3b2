import { sql, type Kysely, type Transaction } from 'kysely';
import { encodeHlc, type Hlc } from '$lib/domain/sync/hlc';
import { insertRows, ROWS_PER_STATEMENT } from '../db/insert-rows';
import type { ChangeKind, Database } from '../db/schema';

/** The database as sync needs it: the Kysely instance and which kind it is (for locking). */
export interface SyncDatabase {
	db: Kysely<Database>;
	kind: 'sqlite' | 'postgres';
}

/** The server's clock, injected so tests can move it; milliseconds since the epoch. */
export type ServerClock = () => number;

/** The node name in stamps the server makes itself (demo seeding, migrations). */
export const SERVER_NODE = 'server';

/** A stamp the server makes itself, for records it stores without a device (demo data). */
export const serverStamp = (ms: number): Hlc => encodeHlc({ ms, counter: 0, node: SERVER_NODE });

/** Any constant shared by every writer: the PostgreSQL advisory lock that serialises sync writes. */
const SYNC_WRITE_LOCK = 4_202_611;

/**
 * A transaction that writes to the change log. Writers run one at a time, so sequence numbers
 * are handed out in commit order: SQLite has a single writer (and Kysely one connection); on
 * PostgreSQL every writer takes the same transaction-level advisory lock first, held until commit.
 *
 * Writers that queue while one runs commit together (group commit): one transaction, each writer
 * in a savepoint of its own, so a writer that fails is undone alone and the others' work stands.
 * Every writer's result is given only after the commit, so nothing is answered before it is on
 * disk, and a commit costs one flush to disk for the group rather than one each.
 */
export function writeTransaction<T>(
	database: SyncDatabase,
	work: (trx: Transaction<Database>) => Promise<T>
): Promise<T> {
	let queue = queues.get(database.db);
	if (!queue) queues.set(database.db, (queue = new WriteQueue(database)));
	return queue.add(work);
}

/** Writers per group: enough to share a flush in a storm, few enough to keep each answer quick. */
const GROUP_MAX = 16;

interface Writer {
	work: (trx: Transaction<Database>) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

type Outcome = { value: unknown } | { error: unknown };

/**
 * This process's writers wait their turn here, before taking a database connection: in a
 * reconnect storm, hundreds of pushes queued on the advisory lock would each hold one of the
 * pool's few connections (and time out waiting for one), leaving none for pulls.
 */
class WriteQueue {
	readonly #database: SyncDatabase;
	#waiting: Writer[] = [];
	#running = false;

	constructor(database: SyncDatabase) {
		this.#database = database;
	}

	add<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
			if (!this.#running) void this.#run();
		});
	}

	async #run(): Promise<void> {
		this.#running = true;
		while (this.#waiting.length > 0) {
			const group = this.#waiting.splice(0, GROUP_MAX);
			let outcomes: Outcome[];
			try {
				outcomes = await transact(this.#database, (trx) => inSavepoints(trx, group));
			} catch (error) {
				// The commit (or the lock) failed: nothing of the group is stored.
				outcomes = group.map(() => ({ error }));
			}
			group.forEach((writer, i) => {
				const outcome = outcomes[i] as Outcome;
				if ('error' in outcome) writer.reject(outcome.error);
				else writer.resolve(outcome.value);
			});
			// SQLite's driver answers through promises alone: without a pause between groups, a long
			// queue would run to its end before this process read another request (the push the
			// waiting ones need, a pull, a health check).
			await new Promise((resolve) => setImmediate(resolve));
		}
		this.#running = false;
	}
}

/**
 * Each writer's work in its own savepoint, in turn: one that throws is rolled back alone. A writer
 * alone needs none: it fails, the transaction is rolled back.
 */
async function inSavepoints(trx: Transaction<Database>, group: readonly Writer[]): Promise<Outcome[]> {
	if (group.length === 1) return [{ value: await (group[0] as Writer).work(trx) }];
	const outcomes: Outcome[] = [];
	for (const writer of group) {
		await sql`savepoint writer`.execute(trx);
		let outcome: Outcome;
		try {
			const value = await writer.work(trx);
			// Its work stands only once released (on PostgreSQL, not if it left the transaction failed).
			await sql`release savepoint writer`.execute(trx);
			outcome = { value };
		} catch (error) {
			await sql`rollback to savepoint writer`.execute(trx);
			await sql`release savepoint writer`.execute(trx);
			outcome = { error };
		}
		outcomes.push(outcome);
	}
	return outcomes;
}

const queues = new WeakMap<object, WriteQueue>();

function transact<T>(database: SyncDatabase, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	return database.db.transaction().execute(async (trx) => {
		if (database.kind === 'postgres')
			await sql`select pg_advisory_xact_lock(${sql.lit(SYNC_WRITE_LOCK)})`.execute(trx);
		const done = await work(trx);
		// PostgreSQL answers COMMIT of a transaction left failed with a silent rollback: make it an error.
		if (database.kind === 'postgres') await sql`select 1`.execute(trx);
		return done;
	});
}

/** A consistent snapshot for reads that span several queries (a pull page and its entities). */
export function readTransaction<T>(
	database: SyncDatabase,
	work: (trx: Transaction<Database>) => Promise<T>
): Promise<T> {
	return database.db.transaction().setIsolationLevel('repeatable read').execute(work);
}

/** Split rows into groups small enough for one statement. */
export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

export interface LoggedChange {
	kind: ChangeKind;
	entityId: string;
	type: string;
	areaId: string;
}

/**
 * The change-log rows one write transaction touches. Each entity keeps one row holding the
 * sequence number of its latest change; numbers come from the counter in `sync_state`, never from
 * max(seq), which would repeat numbers once rows are pruned.
 */
export class ChangeLog {
	readonly #changes = new Map<string, LoggedChange>();

	/** Note a change; an entity changed twice in one transaction is logged once, at its last change. */
	add(change: LoggedChange): void {
		const key = `${change.kind}:${change.entityId}`;
		this.#changes.delete(key);
		this.#changes.set(key, change);
	}

	/** Give every noted change the next sequence numbers, in the order they happened. */
	async write(trx: Transaction<Database>): Promise<void> {
		const count = this.#changes.size;
		if (count === 0) return;
		// The counter moved past this transaction's numbers and read back in one statement.
		const state = await trx
			.updateTable('sync_state')
			.set({ seq: sql<number>`seq + ${count}` })
			.where('id', '=', 1)
			.returning('seq')
			.executeTakeFirstOrThrow();
		let seq = Number(state.seq) - count;
		const rows = [...this.#changes.values()].map((c) => ({
			kind: c.kind,
			entity_id: c.entityId,
			seq: ++seq,
			type: c.type,
			area_id: c.areaId
		}));
		await insertRows(trx, 'change_log', rows, {
			on: ['kind', 'entity_id'],
			update: ['seq', 'type', 'area_id']
		});
		this.#changes.clear();
	}
}
