import type { Table } from 'dexie';
import { HybridClock } from '$lib/domain/sync/hlc';
import type { MetaRow } from './database';

/** The device's sync state, one meta row each. */
export const META = {
	/** A random UUID made once: how the server tells this device's changes apart. */
	clientId: 'sync.clientId',
	/** The mutation id the next pushed change gets. */
	nextMutationId: 'sync.nextMutationId',
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
	const value = Number(await readMeta(meta, key));
	return Number.isSafeInteger(value) ? value : fallback;
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
