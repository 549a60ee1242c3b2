import Dexie, { type Transaction } from 'dexie';
import type { FieldError } from '$lib/domain/common/errors';
import { splitData } from '$lib/domain/privacy';
import type { Conflict, ConflictSide } from '$lib/domain/sync/protocol';
import { fromBase64, toBase64 } from '../vault/bytes';
import { SealBroken, type FieldCipher, type Sealed } from '../vault/cipher';
import type {
	ConflictRow,
	Draft,
	DraftRow,
	OutboxEntry,
	OutboxRow,
	RecordRow,
	RefusedChange,
	RefusedOutboxRow,
	RefusedRow,
	StoredRecord
} from './database';

/**
 * Turns what the app works with into what IndexedDB may hold, and back: personal and health values
 * sealed with the user's field cipher, only `domain/privacy`'s plain fields left readable.
 *
 * IndexedDB commits a transaction as soon as it has no request pending, and WebCrypto is not an
 * IndexedDB request: every method here runs its crypto under `Dexie.waitFor`, which keeps the
 * caller's transaction open meanwhile (outside a transaction it is a plain promise). Many rows at
 * once go through the plural methods, one wait for them all.
 */
export class StoreSealer {
	readonly #cipher: FieldCipher;

	constructor(cipher: FieldCipher) {
		this.#cipher = cipher;
	}

	record(record: StoredRecord): Promise<RecordRow> {
		return guard(this.#sealRecord(record));
	}
	records(records: readonly StoredRecord[]): Promise<RecordRow[]> {
		return guard(Promise.all(records.map((record) => this.#sealRecord(record))));
	}
	openRecord(row: RecordRow): Promise<StoredRecord> {
		return guard(this.#openRecord(row));
	}
	openRecords(rows: readonly RecordRow[]): Promise<StoredRecord[]> {
		return guard(Promise.all(rows.map((row) => this.#openRecord(row))));
	}

	entries(entries: readonly OutboxEntry[]): Promise<OutboxRow[]> {
		return guard(Promise.all(entries.map((entry) => this.#sealEntry(entry))));
	}
	openEntries(rows: readonly OutboxRow[]): Promise<OutboxEntry[]> {
		return guard(Promise.all(rows.map((row) => this.#openEntry(row))));
	}

	/** Refused changes whose entries are still in the app's shape (see `refusedRows` for sealed ones). */
	refused(refused: readonly RefusedChange[]): Promise<RefusedRow[]> {
		return guard(
			Promise.all(
				refused.map(async ({ entry, ...rest }) =>
					this.#refusedRow({ ...rest, entry: await this.#sealEntry(entry) })
				)
			)
		);
	}
	/** Refused changes whose entries come from the outbox as they are, sealed already. */
	refusedRows(refused: readonly RefusedOutboxRow[]): Promise<RefusedRow[]> {
		return guard(Promise.all(refused.map((row) => this.#refusedRow(row))));
	}
	openRefused(rows: readonly RefusedRow[]): Promise<RefusedChange[]> {
		return guard(Promise.all(rows.map((row) => this.#openRefused(row))));
	}

	conflicts(conflicts: readonly Conflict[]): Promise<ConflictRow[]> {
		return guard(Promise.all(conflicts.map((conflict) => this.#sealConflict(conflict))));
	}
	openConflicts(rows: readonly ConflictRow[]): Promise<Conflict[]> {
		return guard(Promise.all(rows.map((row) => this.#openConflict(row))));
	}

	drafts(drafts: readonly Draft[]): Promise<DraftRow[]> {
		return guard(
			Promise.all(
				drafts.map(async ({ label, values, ...rest }) => ({
					...rest,
					sealed: await this.#seal({ label, values })
				}))
			)
		);
	}
	openDrafts(rows: readonly DraftRow[]): Promise<Draft[]> {
		return guard(
			Promise.all(
				rows.map(async ({ sealed, ...rest }) => {
					const { label, values } = await this.#open<{ label: string; values: unknown }>(sealed);
					return { ...rest, label, values };
				})
			)
		);
	}

	async #sealRecord(record: StoredRecord): Promise<RecordRow> {
		// `words` is what versions 3 and 4 indexed; a row upgraded from them must not keep it.
		const { data, words: _words, ...rest } = record as StoredRecord & { words?: unknown };
		const { plain, sealed } = splitData(record.type, data);
		return { ...rest, data: plain, sealed: await this.#seal(sealed) };
	}

	async #openRecord(row: RecordRow): Promise<StoredRecord> {
		const { data, sealed, ...rest } = row;
		return { ...rest, data: { ...data, ...(await this.#open<Record<string, unknown>>(sealed)) } };
	}

	async #sealEntry(entry: OutboxEntry): Promise<OutboxRow> {
		return { ...entry, set: await this.#seal(entry.set) };
	}

	async #openEntry(row: OutboxRow): Promise<OutboxEntry> {
		return { ...row, set: await this.#open<Record<string, unknown>>(row.set) };
	}

	async #refusedRow(refused: RefusedOutboxRow): Promise<RefusedRow> {
		const { reason, errors, ...rest } = refused;
		return { ...rest, sealed: await this.#seal({ reason, errors }) };
	}

	async #openRefused(row: RefusedRow): Promise<RefusedChange> {
		const { sealed, entry, ...rest } = row;
		const [{ reason, errors }, opened] = await Promise.all([
			this.#open<{ reason: string; errors?: FieldError[] }>(sealed),
			this.#openEntry(entry)
		]);
		return { ...rest, entry: opened, reason, ...(errors ? { errors } : {}) };
	}

	async #sealConflict(conflict: Conflict): Promise<ConflictRow> {
		const { kept, other, resolvedBy, ...rest } = conflict;
		return { ...rest, sealed: await this.#seal({ kept, other, resolvedBy }) };
	}

	async #openConflict(row: ConflictRow): Promise<Conflict> {
		const { sealed, ...rest } = row;
		const open = await this.#open<{ kept: ConflictSide; other: ConflictSide; resolvedBy: string | null }>(
			sealed
		);
		return { ...rest, kept: open.kept, other: open.other, resolvedBy: open.resolvedBy };
	}

	/**
	 * A value for a meta row, which holds text: sealed, then written as JSON with its bytes in
	 * base64 (`openText` reads it back).
	 */
	text(value: object): Promise<string> {
		return guard(this.#seal(value).then(sealedText));
	}
	openText<T extends object>(text: string): Promise<T> {
		return guard(this.#open<T>(sealedFromText(text)));
	}

	#seal(value: unknown): Promise<Sealed> {
		return this.#cipher.seal(value);
	}

	/** What this sealer sealed is always an object; anything else was not sealed here. */
	async #open<T extends object>(sealed: Sealed): Promise<T> {
		const value = await this.#cipher.open(sealed);
		if (typeof value !== 'object' || value === null) throw new SealBroken();
		return value as T;
	}
}

const sealedText = (sealed: Sealed): string =>
	JSON.stringify({ v: sealed.v, iv: toBase64(sealed.iv), data: toBase64(sealed.data) });

/** Anything but what `sealedText` wrote fails to open, as an altered value would. */
function sealedFromText(text: string): Sealed {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new SealBroken();
	}
	const { v, iv, data } = (parsed ?? {}) as { v?: unknown; iv?: unknown; data?: unknown };
	const [ivBytes, dataBytes] = [iv, data].map((part) => (typeof part === 'string' ? fromBase64(part) : null));
	if (v !== 1 || !ivBytes || !dataBytes) throw new SealBroken();
	return { v, iv: ivBytes, data: dataBytes };
}

/** Crypto still running in each open transaction (keyed by its outermost transaction). */
const running = new WeakMap<Transaction, Promise<unknown>>();

/**
 * Keeps the current IndexedDB transaction (if any) open while the crypto runs. Dexie stops keeping
 * it open when the wait registered last settles, even if an earlier one is still running; so each
 * wait here covers every earlier one in the same transaction too.
 */
function guard<T>(work: Promise<T>): Promise<T> {
	const transaction = outermost(Dexie.currentTransaction);
	if (!transaction) return work;
	const all = Promise.allSettled([running.get(transaction), work]);
	running.set(transaction, all);
	return Dexie.waitFor(all).then(() => work);
}

function outermost(transaction: Transaction | null): Transaction | null {
	let root = transaction;
	while (root && (root as { parent?: Transaction }).parent)
		root = (root as { parent?: Transaction }).parent ?? null;
	return root;
}
