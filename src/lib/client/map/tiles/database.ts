import Dexie, { type Table } from 'dexie';
import type { Bounds, MapSources } from '$lib/domain/map/tiles';

export type SavedAreaStatus = 'saving' | 'complete' | 'incomplete';

/** An area saved for offline use. Its tiles are in Cache Storage under `cacheName`. */
export interface SavedArea {
	id: string;
	name: string;
	bounds: Bounds;
	fromZoom: number;
	toZoom: number;
	/** The tile source it was saved from: an area is only useful while the map uses that source. */
	urlTemplate: string;
	cacheName: string;
	/** Tiles the area needs, and how many of them are on the device. */
	tiles: number;
	savedTiles: number;
	bytes: number;
	status: SavedAreaStatus;
	createdAt: string;
	updatedAt: string;
}

interface MetaRow {
	key: string;
	value: unknown;
}

/** The map's own small database: the last map sources the server sent, and the saved areas. */
export class TilesDatabase extends Dexie {
	meta!: Table<MetaRow, string>;
	areas!: Table<SavedArea, string>;

	constructor(name = 'fellside-map-tiles') {
		super(name);
		this.version(1).stores({ meta: 'key', areas: 'id, createdAt' });
	}

	async getSources(): Promise<unknown> {
		return (await this.meta.get('sources'))?.value;
	}

	async putSources(sources: MapSources): Promise<void> {
		await this.meta.put({ key: 'sources', value: sources });
	}
}
