import type { Table } from 'dexie';
import { HybridClock } from '$lib/domain/sync/hlc';
import type { MetaRow } from './database';

/** The device's sync state, one meta row each. */
export const META = {
	/** A random UUID made once: how the server tells this device's changes apart. */
	clientId: 'sync.clientId',
	/** The mutation id the next change numbered for sending gets. */
	nextMutationId: 'sync.nextMutationId',
	/**
	 * The id the next saved change is given in advance, so that numbering it for sending usually
	 * writes nothing (see `presetMutationIds`).
	 */
	presetMutationId: 'sync.presetMutationId',
	/**
	 * The last outbox entry (by seq) numbered for sending: its id, and every earlier entry's, may
	 * have reached the server, so it changes only to close a gap (see sync/push).
	 */
	numberedThrough: 'sync.numberedThrough',
	/** The last stamp the device's hybrid clock made or saw. */
	clock: 'sync.clock',
	/** Where the last stored pull page ended (absent: from the beginning). */
	cursor: 'sync.cursor',
	/** When the last sync that reached the end went well. */
	lastSuccessAt: 'sync.lastSuccessAt',
	/** Bumped by each reset; pulled records carry the epoch that brought them. */
	resetEpoch: 'sync.resetEpoch',
	/** Set while a reset's fresh download is under way: its end drops what it did not bring. */
	resetting: 'sync.resetting',
	/** How many gap answers the server had given this device when it last numbered (see sync/push). */
	numbering: 'sync.numbering'
} as const;

type Meta = Table<MetaRow, string>;

export async function readMeta(meta: Meta, key: string): Promise<string | undefined> {
	return (await meta.get(key))?.value;
}

export async function readNumber(meta: Meta, key: string, fallback: number): Promise<number> {
	return numberOr(await readMeta(meta, key), fallback);
}

function numberOr(text: string | undefined, fallback: number): number {
	const value = Number(text);
	return text !== undefined && Number.isSafeInteger(value) ? value : fallback;
}

/**
 * Ids for `count` changes being saved, given in the save's transaction, in order, never below the
 * next id a push numbers from. A push keeps an entry's id when it follows on from the one before,
 * and otherwise gives it the right one then (after a change refused on the device, or a gap).
 */
export async function presetMutationIds(meta: Meta, count: number): Promise<number> {
	const [next, preset] = await meta.bulkGet([META.nextMutationId, META.presetMutationId]);
	const first = Math.max(numberOr(next?.value, 1), numberOr(preset?.value, 1));
	await writeMeta(meta, META.presetMutationId, first + count);
	return first;
}

export async function writeMeta(meta: Meta, key: string, value: string | number): Promise<void> {
	await meta.put({ key, value: String(value) });
}

/** This device's client id, made the first time it is needed (call inside a write transaction). */
export async function clientIdOf(
	meta: Meta,
	newId: () => string = () => crypto.randomUUID()
): Promise<string> {
	const existing = await readMeta(meta, META.clientId);
	if (existing) return existing;
	const made = newId();
	await writeMeta(meta, META.clientId, made);
	return made;
}

/**
 * The device's hybrid clock as persisted. Load and save it in the same transaction as the change it
 * stamps, so two tabs never hand out the same stamp and a stamp never goes backwards.
 */
export async function loadClock(meta: Meta, now: () => number): Promise<HybridClock> {
	const [clientId, last] = await meta.bulkGet([META.clientId, META.clock]);
	const node = clientId?.value ?? (await clientIdOf(meta));
	return new HybridClock(node, now, last?.value);
}

export async function saveClock(meta: Meta, clock: HybridClock): Promise<void> {
	await writeMeta(meta, META.clock, clock.last);
}
