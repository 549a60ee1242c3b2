import Dexie, { type Table } from 'dexie';
import type { FloodAreaPlace, FloodWarning } from '$lib/domain/map/flood-warnings';

/** The last warnings received, and when the Environment Agency was last asked (whatever the answer). */
export interface FloodWarningsState {
	county: string;
	warnings: FloodWarning[];
	/** When these warnings were received: null before the first good answer. */
	fetchedAt: string | null;
	lastAttemptAt: string | null;
	/** Why the last attempt failed, in words; null after a good answer. */
	problem: string | null;
}

/** Flood warnings kept on the device, so they are there (marked stale) with no signal. */
export class FloodWarningsDatabase extends Dexie {
	state!: Table<FloodWarningsState, string>;
	/** Where each warning area is; areas do not move, so these are kept for good. */
	places!: Table<FloodAreaPlace, string>;

	constructor(name = 'fellside-map-flood-warnings') {
		super(name);
		this.version(1).stores({ state: 'county', places: 'code' });
	}
}
