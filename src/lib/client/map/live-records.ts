import Dexie from 'dexie';
import type { RecordType } from '$lib/domain/records';
import type { DeviceDatabase } from '../store/database';
import { isPlaceType, readMapPlaces } from '../store/map-places';
import { LAYER_RECORD_TYPES, MAP_LAYERS, type MapLayerId, type MapRecord } from './points';

/**
 * The record types the map must read for these layers: each layer's own, and the visits that place
 * referrals (a referral is shown at its visit's home).
 */
export function recordTypesFor(layers: readonly MapLayerId[]): RecordType[] {
	const types = new Set(layers.map((layer) => LAYER_RECORD_TYPES[layer]));
	if (types.has('referral')) types.add('visit');
	return MAP_LAYERS.map((layer) => LAYER_RECORD_TYPES[layer]).filter((type) => types.has(type));
}

/** After a change, wait for this long a pause in writes before reading again… */
const QUIET_MS = 300;
/** …but never longer than this, so the map keeps up during a long download. */
const MAX_WAIT_MS = 2_000;
/** The map's copy of its rows is saved this long after a read found it out of date: after the drawing. */
const COPY_DELAY_MS = 1_000;

/**
 * The records of these types, read again whenever records change on this device: a save on a form, a
 * download or a sync, in this tab or another (Dexie's storagemutated event carries every Dexie write, and
 * other tabs' through a BroadcastChannel). A burst of writes (a download stores hundreds of records a
 * second) is read once it pauses, or every two seconds while it lasts: each read of ten thousand records
 * takes the page a noticeable moment. Archived records are left out. Each type is read whole with one
 * index look-up (getAll), the quickest way to read thousands: from the map's own small plain rows where
 * the map keeps them (assets; after a download, from the records' plain fields until those rows are made
 * again), else the records, opened. Returns a function that stops watching.
 */
export function watchMapRecords(
	db: DeviceDatabase,
	types: readonly RecordType[],
	onRecords: (records: MapRecord[]) => void,
	onError: (message: string) => void
): () => void {
	const table = `idb://${db.name}/records/`;
	let stopped = false;
	let reading = false;
	let changedWhileReading = false;
	let firstChange: number | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let copyTimer: ReturnType<typeof setTimeout> | undefined;

	const read = async () => {
		if (reading) {
			changedWhileReading = true;
			return;
		}
		reading = true;
		try {
			const { records, keepCopy } = await readMapRecords(db, types);
			if (!stopped) onRecords(records);
			// The copy is only a quicker read: made once the map has drawn, and never worth an error.
			clearTimeout(copyTimer);
			if (keepCopy && !stopped)
				copyTimer = setTimeout(() => void keepCopy().catch(() => undefined), COPY_DELAY_MS);
		} catch (error) {
			if (!stopped) onError(`This device could not read its records for the map: ${describe(error)}`);
		} finally {
			reading = false;
			if (changedWhileReading && !stopped) {
				changedWhileReading = false;
				changed();
			}
		}
	};
	const changed = () => {
		const now = Date.now();
		firstChange ??= now;
		clearTimeout(timer);
		timer = setTimeout(
			() => {
				firstChange = null;
				void read();
			},
			Math.min(QUIET_MS, Math.max(0, firstChange + MAX_WAIT_MS - now))
		);
	};
	const onMutated = (parts: Record<string, unknown>) => {
		if (Object.keys(parts).some((part) => part === 'all' || part.startsWith(table))) changed();
	};

	Dexie.on('storagemutated', onMutated);
	void read();
	return () => {
		stopped = true;
		clearTimeout(timer);
		clearTimeout(copyTimer);
		Dexie.on('storagemutated').unsubscribe(onMutated);
	};
}

/**
 * The records of these types as the map reads them, all from one moment (one read transaction), and
 * when the map's copy of its rows was out of date, a way to save a fresh one.
 */
export async function readMapRecords(
	db: DeviceDatabase,
	types: readonly RecordType[]
): Promise<{ records: MapRecord[]; keepCopy?: () => Promise<void> }> {
	const [{ places, keepCopy }, rows] = await db.transaction(
		'r',
		[db.mapPlaces, db.mapPlacesCopy, db.records],
		() => {
			const sealed = types.filter((type) => !isPlaceType(type));
			return Promise.all([
				readMapPlaces(db, types),
				sealed.length ? db.records.where('type').anyOf(sealed).toArray() : []
			]);
		}
	);
	// These types' points need sealed fields (a visit's home is sealed): open what the map shows.
	const opened = await db.seal.openRecords(rows.filter((row) => !row.archivedAt));
	return { records: [...places, ...opened], ...(keepCopy ? { keepCopy } : {}) };
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
