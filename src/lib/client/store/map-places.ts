import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import type { Transaction } from 'dexie';
import type { AreaId } from '$lib/domain/areas';
import type { RecordType } from '$lib/domain/records';
import type { DeviceDatabase, RecordRow } from './database';

/**
 * The map's own copy of the records it can place from plain fields alone: a small row per record, so
 * opening the map reads a few hundred kilobytes and decrypts nothing, instead of every whole record.
 *
 * Only types whose map point needs no sealed field are kept here (a visit's home is sealed, so visits,
 * and the referrals placed at them, are read from the records and opened as before). The fields are a
 * subset of `domain/privacy`'s plain fields, so this table holds nothing that is not plain already.
 *
 * The table follows the records table by itself: a Dexie middleware mirrors every write to `records`
 * (put, add, delete, a range delete) into it in the same IndexedDB transaction, whatever code path
 * wrote the records (a form, a download, an import, an upgrade), or marks it stale (below).
 *
 * Ten thousand rows still take IndexedDB a few hundred milliseconds to hand over one by one, so the map
 * also keeps a copy of them all in one row (`mapPlacesCopy`), which reads several times faster. Every
 * change to the map's rows writes a new stamp beside it, in the same transaction; the copy is used only
 * while it carries the current stamp, and is made again after a change, once the map has drawn.
 *
 * A large write (a download's page of hundreds of the map's records) is not mirrored row by row:
 * IndexedDB costs about the same per row whatever it holds, so mirroring would add a third to a
 * download's work for a map that may not be opened before the next download. Such a write marks the map's rows stale instead
 * (a `stale` row beside the stamp, in the same transaction). While they are stale the map reads its
 * places from the records themselves, which hold the same plain fields, and once it has drawn it makes
 * the rows and the copy again from what it read, unless the records changed in between.
 */

export const MAP_PLACES_TABLE = 'mapPlaces';
export const MAP_PLACES_COPY_TABLE = 'mapPlacesCopy';

/** The types the map places from plain fields, and the fields its points read of each. */
export const MAP_PLACE_FIELDS = {
	// Its point, its kind's marker, its name, and its status and address in the summary.
	asset: ['kind', 'name', 'status', 'lifecycle', 'location']
} as const satisfies Partial<Record<RecordType, readonly string[]>>;

export type MapPlaceType = keyof typeof MAP_PLACE_FIELDS;
export const MAP_PLACE_TYPES = Object.keys(MAP_PLACE_FIELDS) as MapPlaceType[];

/** What the map reads of a record: enough to place it and say what it is. */
export interface MapPlaceRow {
	id: string;
	type: RecordType;
	areaId: AreaId;
	data: Record<string, unknown>;
}

/**
 * The stamp of the map's rows as they are now, the copy of them all as of some stamp, and, while a large
 * write has left the rows behind the records, a mark that they are stale.
 */
export type MapPlacesCopyRow =
	{ key: 'stamp'; stamp: string } | { key: 'copy'; stamp: string; places: MapPlaceRow[] } | { key: 'stale' };

/** A write of more of the map's records than this marks its rows stale rather than mirroring each. */
export const MIRROR_MAX = 100;
/** Rows written at once when stale rows are made again. */
const REWRITE_PIECE = 500;

/** Whether the map keeps its own rows of this type. */
export function isPlaceType(type: string): type is MapPlaceType {
	return Object.hasOwn(MAP_PLACE_FIELDS, type);
}

/** The map's row for a stored record, or null when the map does not keep one (another type, archived). */
export function mapPlaceOf(
	row: Pick<RecordRow, 'id' | 'type' | 'areaId' | 'data' | 'archivedAt'>
): MapPlaceRow | null {
	if (!isPlaceType(row.type) || row.archivedAt) return null;
	const data: Record<string, unknown> = {};
	for (const field of MAP_PLACE_FIELDS[row.type]) if (field in row.data) data[field] = row.data[field];
	return { id: row.id, type: row.type, areaId: row.areaId, data };
}

/** Version 5 → 6: the map's rows for the records already on the device. */
export async function fillMapPlaces(tx: Transaction): Promise<void> {
	const places: MapPlaceRow[] = [];
	await tx
		.table<RecordRow, string>('records')
		.where('type')
		.anyOf(MAP_PLACE_TYPES)
		.each((row) => {
			const place = mapPlaceOf(row);
			if (place) places.push(place);
		});
	const table = tx.table<MapPlaceRow, string>(MAP_PLACES_TABLE);
	await table.clear();
	await table.bulkPut(places);
}

/**
 * Keeps `mapPlaces` in step with `records`: every read-write transaction over records also takes in
 * mapPlaces, and each write to records is followed by the same change to the map's rows, or, for a
 * large one, by the mark that they are stale.
 */
export const mapPlacesMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'MapPlaces',
	create(down) {
		// An older schema (an upgrade still on its way to version 7) has no such table: nothing to keep.
		if (!down.schema.tables.some((table) => table.name === MAP_PLACES_TABLE)) return {};
		return {
			transaction(stores, mode, options) {
				const widened =
					mode === 'readwrite' && stores.includes('records')
						? [...new Set([...stores, MAP_PLACES_TABLE, MAP_PLACES_COPY_TABLE])]
						: stores;
				return down.transaction(widened, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (name !== 'records') return table;
				const places = down.table(MAP_PLACES_TABLE);
				const copy = down.table(MAP_PLACES_COPY_TABLE);
				return {
					...table,
					async mutate(req) {
						const result = await table.mutate(req);
						// Inside an upgrade from before version 7 the table does not exist yet; version 7 fills it.
						if (!holdsPlaces(req.trans)) return result;
						const mirror = mirrored(req, result);
						const large = mirror.some((change) => change.type === 'put' && change.values.length > MIRROR_MAX);
						const changes = large ? mirror.filter((change) => change.type !== 'put') : mirror;
						for (const change of changes) await places.mutate(change);
						if (large || changes.length) {
							const rows: MapPlacesCopyRow[] = [{ key: 'stamp', stamp: crypto.randomUUID() }];
							if (large) rows.push({ key: 'stale' });
							await copy.mutate({ type: 'put', trans: req.trans, values: rows });
						}
						return result;
					}
				};
			}
		};
	}
};

/** The changes to the map's rows that follow one change to the records. */
export function mirrored(req: DBCoreMutateRequest, result: DBCoreMutateResponse): DBCoreMutateRequest[] {
	const { trans } = req;
	if (req.type === 'deleteRange') return [{ type: 'deleteRange', trans, range: req.range }];
	if (req.type === 'delete') return req.keys.length ? [{ type: 'delete', trans, keys: req.keys }] : [];
	const put: MapPlaceRow[] = [];
	const gone: string[] = [];
	req.values.forEach((value: RecordRow, i) => {
		// A write that failed (an add of an id already there) changed nothing.
		if (result.failures[i]) return;
		const place = mapPlaceOf(value);
		if (place) put.push(place);
		else if (isPlaceType(value.type)) gone.push(value.id);
	});
	const changes: DBCoreMutateRequest[] = [];
	if (put.length) changes.push({ type: 'put', trans, values: put });
	if (gone.length) changes.push({ type: 'delete', trans, keys: gone });
	return changes;
}

function holdsPlaces(trans: DBCoreTransaction): boolean {
	const stores = (trans as Partial<IDBTransaction>).objectStoreNames;
	return (stores?.contains(MAP_PLACES_TABLE) && stores.contains(MAP_PLACES_COPY_TABLE)) ?? false;
}

/** The map's rows of these types, and, when they did not come from an up-to-date copy, a way to make one. */
export interface MapPlacesRead {
	places: MapPlaceRow[];
	/** Saves the copy (and the rows, when they were stale) for next time, unless records changed since. */
	keepCopy?: () => Promise<void>;
}

/**
 * The map's rows of these types: from the copy when it is current, else row by row, or from the records
 * themselves while the rows are stale. Run it inside a read transaction over `mapPlaces`,
 * `mapPlacesCopy` and `records` so the stamp and the rows are of one moment.
 */
export async function readMapPlaces(
	db: DeviceDatabase,
	types: readonly RecordType[]
): Promise<MapPlacesRead> {
	const wanted = types.filter(isPlaceType);
	if (!wanted.length) return { places: [] };
	const [stampRow, copyRow, staleRow] = await db.mapPlacesCopy.bulkGet(['stamp', 'copy', 'stale']);
	const stamp = stampRow?.key === 'stamp' ? stampRow.stamp : '';
	const ofWanted = (all: MapPlaceRow[]) => all.filter((place) => wanted.includes(place.type as MapPlaceType));
	if (!staleRow && copyRow?.key === 'copy' && copyRow.stamp === stamp)
		return { places: ofWanted(copyRow.places) };
	const all = staleRow ? await placesFromRecords(db) : await db.mapPlaces.toArray();
	return {
		places: ofWanted(all),
		keepCopy: () =>
			db.transaction('rw', [db.mapPlaces, db.mapPlacesCopy], async () => {
				const now = await db.mapPlacesCopy.get('stamp');
				// Any write to the records since the read changed the stamp: what was read is out of date.
				if ((now?.key === 'stamp' ? now.stamp : '') !== stamp) return;
				if (staleRow) {
					await db.mapPlaces.clear();
					// In pieces, so the page can draw between them while someone pans the map just drawn.
					for (let i = 0; i < all.length; i += REWRITE_PIECE)
						await db.mapPlaces.bulkPut(all.slice(i, i + REWRITE_PIECE));
					await db.mapPlacesCopy.delete('stale');
				}
				await db.mapPlacesCopy.put({ key: 'copy', stamp, places: all });
			})
	};
}

/** The map's rows as the records imply them, for every type the map keeps (in id order, as the table). */
async function placesFromRecords(db: DeviceDatabase): Promise<MapPlaceRow[]> {
	const rows = await db.records.where('type').anyOf(MAP_PLACE_TYPES).toArray();
	return rows
		.flatMap((row) => mapPlaceOf(row) ?? [])
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
