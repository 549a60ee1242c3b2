import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { failpoint } from '../failpoints';
import { factsOf } from '$lib/domain/access/facts';
import { refusal, type AccessAction, type RecordFacts } from '$lib/domain/access/rules';
import { applyMutation, type MergeConflict, type MergeOutcome } from '$lib/domain/sync/merge';
import type {
	Mutation,
	MutationResult,
	PushRequest,
	PushResponse,
	SyncRecord
} from '$lib/domain/sync/protocol';
import { appendAudit } from '../audit';
import type { Scope } from '../auth/actor';
import { insertRows } from '../db/insert-rows';
import type { Database } from '../db/schema';
import { pushAudit, syncWho } from './audit';
import { registerClient } from './clients';
import { ConflictRecorder } from './conflicts';
import { SyncRefusal } from './refusal';
import { recordFromRow, recordToRow } from './rows';
import { ChangeLog, chunks, writeTransaction, type ServerClock, type SyncDatabase } from './storage';

export interface PushContext {
	now?: ServerClock;
	/** Who is pushing: each change is checked against their role and areas, and recorded as theirs. */
	scope: Scope;
	/** The device their session was started on, for the audit log. */
	deviceId?: string | null;
	/**
	 * How long a push that arrived before the one ahead of it (a device keeps a few on their way)
	 * waits for that one before it is answered "gap"; 0 answers at once.
	 */
	waitForEarlierMs?: number;
}

/** What the API gives a push that arrived early: its device sends at most four at once. */
export const WAIT_FOR_EARLIER_MS = 2000;
/**
 * How long a push that arrived early waits while the push carrying the id expected next is being
 * handled in this process (queued behind others in a reconnect storm, say). That one is never
 * early itself, so it will commit or fail; waiting for it spares the device a gap answer, and with
 * it a renumbering and its other pushes on their way refused as stale. Well inside the 60 s a
 * device gives a request.
 */
export const WAIT_FOR_PUSH_HERE_MS = 30_000;
/** How often a waiting push looks again, in case the push ahead commits in another process. */
const LOOK_AGAIN_MS = 50;

/**
 * Apply a device's changes exactly once. The whole push is one transaction: every change's effects,
 * its change-log rows, conflicts, stored answer and the device's last mutation id commit together,
 * and the answer leaves only after that commit. Ids at or below the last are replays and get the
 * stored answer; a refused change (invalid, or outside the person's rights) is answered with its
 * reason and still advances the id.
 *
 * A push whose first id is beyond the next one expected waits (outside any transaction) for the
 * device's pushes ahead of it, up to `waitForEarlierMs` (longer while the push it waits for is
 * being handled in this process: `WAIT_FOR_PUSH_HERE_MS`), then tries again. Every "gap" answer is
 * counted with the device first and tells it the count, its new numbering: a push that carries an
 * older one was numbered before the device last renumbered, and is refused without being applied,
 * whenever it arrives and whichever process answered the gap (`checkNumbering`).
 */
export async function push(
	database: SyncDatabase,
	request: PushRequest,
	context: PushContext
): Promise<PushResponse> {
	checkConsecutive(request.mutations);
	const wait = context.waitForEarlierMs ?? 0;
	const start = Date.now();
	const [until, longest] = [start + wait, start + (wait > 0 ? Math.max(wait, WAIT_FOR_PUSH_HERE_MS) : 0)];
	const leave = handling.add(request.clientId, request.mutations);
	try {
		for (;;) {
			const seen = committed.count(request.clientId);
			try {
				return await pushOnce(database, request, context);
			} catch (error) {
				if (!(error instanceof SyncRefusal) || error.code !== 'mutation-gap') throw error;
				const here = error instanceof ArrivedEarly && handling.carries(request.clientId, error.expected);
				const left = (here ? longest : until) - Date.now();
				if (error instanceof ArrivedEarly && left > 0) {
					await committed.next(request.clientId, Math.min(left, LOOK_AGAIN_MS), seen);
					continue;
				}
				const numbering = await countGapAnswer(database, request, context);
				throw new SyncRefusal(409, 'mutation-gap', error.message, error.expectedMutationId, numbering);
			}
		}
	} finally {
		leave();
	}
}

/** A push whose first id is beyond the next one expected: it may wait for the one ahead of it. */
class ArrivedEarly extends SyncRefusal {
	constructor(
		readonly expected: number,
		first: number
	) {
		super(409, 'mutation-gap', gapMessage(expected, first), expected);
	}
}

/** The pushes this process is handling, by device: the ids each carries. */
class Handling {
	readonly #byClient = new Map<string, Set<{ first: number; last: number }>>();

	/** Note a push; returns the way to forget it once answered. */
	add(clientId: string, mutations: readonly Mutation[]): () => void {
		const [first, last] = [mutations[0]?.id, mutations.at(-1)?.id];
		if (first === undefined || last === undefined) return () => {};
		const ids = { first, last };
		const pushes = this.#byClient.get(clientId) ?? new Set();
		this.#byClient.set(clientId, pushes.add(ids));
		return () => {
			pushes.delete(ids);
			if (pushes.size === 0 && this.#byClient.get(clientId) === pushes) this.#byClient.delete(clientId);
		};
	}

	/** Whether a push of the device being handled here carries this id. */
	carries(clientId: string, id: number): boolean {
		for (const { first, last } of this.#byClient.get(clientId) ?? [])
			if (first <= id && id <= last) return true;
		return false;
	}
}
const handling = new Handling();

const gapMessage = (expected: number, first: number) =>
	`The server expected change number ${expected} from this device next, not ${first}. The device will number its waiting changes again and resend them.`;

/**
 * Counted before the answer leaves (see `push`), which tells the device its new numbering; a device
 * seen for the first time is registered.
 */
async function countGapAnswer(
	database: SyncDatabase,
	request: PushRequest,
	context: PushContext
): Promise<number> {
	const now = new Date((context.now ?? Date.now)()).toISOString();
	return writeTransaction(database, async (trx) => {
		const { gapsAnswered } = await registerClient(trx, request, context.scope.staffId, now);
		await trx
			.updateTable('sync_client')
			.set({ gaps_answered: gapsAnswered + 1 })
			.where('id', '=', request.clientId)
			.execute();
		return gapsAnswered + 1;
	});
}

/** Pushes waiting in this process for another push of the same device to commit. */
class Commits {
	readonly #waiting = new Map<string, Set<() => void>>();
	/** Pushes of each device committed here: one in the same group commit is answered first. */
	readonly #counts = new Map<string, number>();

	count(clientId: string): number {
		return this.#counts.get(clientId) ?? 0;
	}

	/**
	 * Resolves when a push of the device commits here after the `seen` count (at once if one has
	 * since), or after `ms`, whichever is first.
	 */
	next(clientId: string, ms: number, seen: number): Promise<void> {
		if (this.count(clientId) !== seen) return Promise.resolve();
		return new Promise((resolve) => {
			const waiting = this.#waiting.get(clientId) ?? new Set<() => void>();
			this.#waiting.set(clientId, waiting);
			const done = () => {
				clearTimeout(timer);
				waiting.delete(done);
				if (waiting.size === 0 && this.#waiting.get(clientId) === waiting) this.#waiting.delete(clientId);
				resolve();
			};
			const timer = setTimeout(done, ms);
			waiting.add(done);
		});
	}

	wake(clientId: string): void {
		// Only a push waiting just now needs its device's count: losing the rest costs a look again.
		if (this.#counts.size >= COUNTS_KEPT) this.#counts.clear();
		this.#counts.set(clientId, this.count(clientId) + 1);
		for (const done of [...(this.#waiting.get(clientId) ?? [])]) done();
	}
}
/** Devices whose commits `Commits` counts, at most; far more than push at any one time. */
const COUNTS_KEPT = 10_000;
const committed = new Commits();

/**
 * A push numbered before the device was last told of a gap may carry ids it has since given to
 * other changes: nothing in it is applied. A device too old to say how it numbered is asked to
 * update once it has been told of a gap.
 */
function checkNumbering(request: PushRequest, gapsAnswered: number): void {
	if (request.numbering === undefined) {
		if (gapsAnswered === 0) return;
		throw new SyncRefusal(
			426,
			'client-too-old',
			'This version of Fellside is too old to sync. Update Fellside (reload the app when online); your changes are kept on this device and sent after the update.'
		);
	}
	if (request.numbering !== gapsAnswered) {
		throw new SyncRefusal(
			409,
			'numbering-stale',
			'These changes were numbered before the server last told this device of a gap, so nothing was applied. The device will send them again.',
			undefined,
			gapsAnswered
		);
	}
}

async function pushOnce(
	database: SyncDatabase,
	request: PushRequest,
	context: PushContext
): Promise<PushResponse> {
	const clock = context.now ?? Date.now;
	const response = await writeTransaction(database, async (trx) => {
		const nowMs = clock();
		const now = new Date(nowMs).toISOString();
		const client = await registerClient(trx, request, context.scope.staffId, now);
		const last = client.lastMutationId;
		const first = request.mutations[0]?.id ?? last + 1;
		checkNumbering(request, client.gapsAnswered);
		if (first > last + 1) throw new ArrivedEarly(last + 1, first);
		const replays = request.mutations.filter((m) => m.id <= last);
		const fresh = request.mutations.filter((m) => m.id > last);
		const answers = await storedAnswers(trx, request.clientId, replays, last);
		const batch = new PushBatch(trx, request.clientId, context.scope, now, nowMs);
		if (fresh.length > 0) {
			await batch.load(fresh);
			for (const mutation of fresh) answers.set(mutation.id, batch.apply(mutation));
			await batch.save();
		}
		const lastMutationId = Math.max(last, fresh.at(-1)?.id ?? 0);
		await trx
			.updateTable('sync_client')
			.set({ last_mutation_id: lastMutationId, last_seen_at: now })
			.where('id', '=', request.clientId)
			.execute();
		// Every id has its answer: a stored one (a replay) or a new one.
		const results = request.mutations.map((m) => answers.get(m.id) as MutationResult);
		const audit = pushAudit(request, context.scope, syncWho(request, context), fresh, results, batch.areaOf);
		await appendAudit(trx, database.kind, audit, new Date(nowMs));
		failpoint('push-before-commit');
		return { lastMutationId, results };
	});
	committed.wake(request.clientId);
	failpoint('push-after-commit');
	return response;
}

/** Ids in one push follow each other; anything else is a fault in the device's outbox. */
function checkConsecutive(mutations: readonly Mutation[]): void {
	for (let i = 1; i < mutations.length; i++) {
		const [before, after] = [mutations[i - 1]?.id ?? 0, mutations[i]?.id ?? 0];
		if (after !== before + 1) {
			throw new SyncRefusal(
				400,
				'bad-request',
				`The changes in one push must be numbered one after another, but change ${after} follows ${before}.`
			);
		}
	}
}

/**
 * The answers first given to replayed changes. A replay naming a different record than the change
 * stored under its id means the device lost its numbering (restored from an old copy): it is told
 * the id to number from, rather than having its new changes taken for old ones and dropped. So
 * does a replay whose answer the server no longer keeps (`pruneAnswers`): a device resends only
 * what it sent without hearing back, never that far behind, so it too has lost its numbering.
 */
async function storedAnswers(
	trx: Transaction<Database>,
	clientId: string,
	replays: readonly Mutation[],
	last: number
): Promise<Map<number, MutationResult>> {
	const answers = new Map<number, MutationResult>();
	if (replays.length === 0) return answers;
	const rows = await trx
		.selectFrom('sync_mutation')
		.select(['mutation_id', 'record_id', 'result'])
		.where('client_id', '=', clientId)
		.where(
			'mutation_id',
			'in',
			replays.map((m) => m.id)
		)
		.execute();
	const byId = new Map(rows.map((row) => [Number(row.mutation_id), row]));
	for (const mutation of replays) {
		const row = byId.get(mutation.id);
		if (!row || row.record_id !== mutation.recordId) {
			const why = row
				? 'was already used for another record'
				: 'is older than any the server still keeps an answer for';
			throw new SyncRefusal(
				409,
				'mutation-gap',
				`This device's change ${mutation.id} ${why}, so the device has lost track of its numbering. It will number its waiting changes from ${last + 1} and resend them.`,
				last + 1
			);
		}
		answers.set(mutation.id, JSON.parse(row.result) as MutationResult);
	}
	return answers;
}

/**
 * The right each kind of change to a stored record needs (a new record needs `create`). A create
 * for a record the server already holds changes it; restoring undoes archiving, so needs that right.
 */
const ACCESS_FOR: Record<Mutation['op'], AccessAction> = {
	create: 'update',
	update: 'update',
	archive: 'archive',
	restore: 'archive'
};

/** Whether a change moved a record to another area or person: it must stay within reach. */
const moved = (before: RecordFacts, after: RecordFacts) =>
	before.areaId !== after.areaId || before.assignedTo !== after.assignedTo;

/** What a change to a stored record rewrites: everything but its id, type and who created it. */
const RECORD_CHANGES = ['area_id', 'assigned_to', 'data', 'versions', 'updated_at', 'archived_at'] as const;

/** The new changes of one push, merged in memory in order, then written in a few statements. */
class PushBatch {
	readonly #records = new Map<string, SyncRecord>();
	/** Who first wrote each record the push touches (null for records stored before that was kept). */
	readonly #createdBy = new Map<string, string | null>();
	readonly #tombstoned = new Set<string>();
	readonly #dirty = new Set<string>();
	readonly #conflicts: ConflictRecorder;
	readonly #answered: { mutation: Mutation; answer: MutationResult }[] = [];
	readonly #log = new ChangeLog();

	constructor(
		private readonly trx: Transaction<Database>,
		private readonly clientId: string,
		private readonly scope: Scope,
		private readonly now: string,
		private readonly nowMs: number
	) {
		this.#conflicts = new ConflictRecorder(trx, { clientId, staffId: scope.staffId }, now, this.#log);
	}

	/** The area a record is in after this push (for the audit), if the push saw it. */
	readonly areaOf = (recordId: string): string | null => this.#records.get(recordId)?.areaId ?? null;

	async load(mutations: readonly Mutation[]): Promise<void> {
		const ids = [...new Set(mutations.map((m) => m.recordId))];
		for (const group of chunks(ids)) {
			const rows = await this.trx.selectFrom('record').selectAll().where('id', 'in', group).execute();
			for (const row of rows) {
				this.#records.set(row.id, recordFromRow(row));
				this.#createdBy.set(row.id, row.created_by);
			}
			const gone = await this.trx
				.selectFrom('tombstone')
				.select('record_id')
				.where('record_id', 'in', group)
				.execute();
			for (const row of gone) this.#tombstoned.add(row.record_id);
		}
	}

	apply(mutation: Mutation): MutationResult {
		const before = this.#factsOf(mutation.recordId);
		const refusedBefore = before && refusal(this.scope, ACCESS_FOR[mutation.op], before);
		if (refusedBefore) return this.#forbidden(mutation, refusedBefore);
		const outcome = this.#merge(mutation);
		if (outcome.status === 'rejected') {
			const answer: MutationResult = { id: mutation.id, status: 'rejected', reason: outcome.reason };
			if (outcome.errors) answer.errors = outcome.errors;
			return this.#answer(mutation, answer);
		}
		const record = outcome.record;
		const createdBy = before ? (this.#createdBy.get(record.id) ?? null) : this.scope.staffId;
		const after = factsOf(record, createdBy);
		const refusedAfter =
			(!before || moved(before, after)) && refusal(this.scope, before ? 'update' : 'create', after);
		if (refusedAfter) return this.#forbidden(mutation, refusedAfter);
		if (outcome.changed) {
			this.#records.set(record.id, record);
			this.#createdBy.set(record.id, createdBy);
			this.#dirty.add(record.id);
		}
		const conflicts = outcome.conflicts.map((c: MergeConflict) => this.#conflicts.raise(record, c));
		if (mutation.resolves?.length) this.#conflicts.resolve(record.id, mutation.resolves);
		return this.#answer(mutation, { id: mutation.id, status: 'applied', conflicts });
	}

	/** The access facts of a record as stored (or as this push left it), if the server holds it. */
	#factsOf(recordId: string): RecordFacts | undefined {
		const record = this.#records.get(recordId);
		return record && factsOf(record, this.#createdBy.get(recordId) ?? null);
	}

	/** Refused for the person's rights: never applied, answered with the reason. */
	#forbidden(mutation: Mutation, reason: string): MutationResult {
		return this.#answer(mutation, { id: mutation.id, status: 'rejected', reason, code: 'forbidden' });
	}

	#merge(mutation: Mutation): MergeOutcome {
		if (this.#tombstoned.has(mutation.recordId)) {
			return {
				status: 'rejected',
				reason: 'This record has been removed from the server for good, so this change cannot be applied.'
			};
		}
		try {
			return applyMutation(this.#records.get(mutation.recordId), mutation, {
				clientId: this.clientId,
				now: this.now,
				nowMs: this.nowMs
			});
		} catch (error) {
			// A fault in the merge must not hold every later change hostage: refuse this one, log why.
			const reference = randomUUID().slice(0, 8);
			console.error(`[sync ${reference}] merging change ${mutation.id} of ${this.clientId} failed`, error);
			return {
				status: 'rejected',
				reason: `The server could not apply this change because of a fault on the server (reference ${reference}). Keep it and tell your administrator.`
			};
		}
	}

	#answer(mutation: Mutation, answer: MutationResult): MutationResult {
		this.#answered.push({ mutation, answer });
		return answer;
	}

	async save(): Promise<void> {
		const records = [...this.#dirty].map((id) => this.#records.get(id) as SyncRecord);
		const rows = records.map((record) => recordToRow(record, this.#createdBy.get(record.id) ?? null));
		// Who created it is never changed.
		await insertRows(this.trx, 'record', rows, { on: ['id'], update: RECORD_CHANGES });
		for (const record of records) {
			this.#log.add({ kind: 'record', entityId: record.id, type: record.type, areaId: record.areaId });
		}
		await this.#conflicts.save();
		const answered = this.#answered.map(({ mutation, answer }) => ({
			client_id: this.clientId,
			mutation_id: mutation.id,
			record_id: mutation.recordId,
			status: answer.status,
			result: JSON.stringify(answer),
			applied_at: this.now
		}));
		await insertRows(this.trx, 'sync_mutation', answered);
		await this.#log.write(this.trx);
	}
}
