import { z } from 'zod';
import { isOpenStreetMapTiles } from './sources.js';

/** The map sources as the server sends them to the device (GET /api/v1/map/config). */
export const mapSourcesSchema = z.object({
	tiles: z.object({
		urlTemplate: z.string().min(1),
		attribution: z.string().min(1),
		attributionUrl: z.string().nullable(),
		maxZoom: z.number().int().min(1).max(22),
		offlineSaving: z.boolean()
	}),
	floodWarnings: z.object({ enabled: z.boolean(), baseUrl: z.string().min(1) })
});
export type MapSources = z.infer<typeof mapSourcesSchema>;
export type TileSource = MapSources['tiles'];

/** A rectangle on the map in WGS84 degrees. Fellside's areas never cross the antimeridian. */
export const boundsSchema = z
	.object({
		west: z.number().min(-180).max(180),
		south: z.number().min(-85.0511).max(85.0511),
		east: z.number().min(-180).max(180),
		north: z.number().min(-85.0511).max(85.0511)
	})
	.refine(
		(b) => b.west < b.east && b.south < b.north,
		'The area must have its west edge left of its east edge'
	);
export type Bounds = z.infer<typeof boundsSchema>;

export interface Tile {
	z: number;
	x: number;
	y: number;
}

/** The most tiles one saved area may hold: about 100 MB of typical raster tiles. */
export const MAX_TILES_PER_AREA = 5000;
/** A typical raster tile's size, used for estimates until this device has saved tiles from the source. */
export const TYPICAL_TILE_BYTES = 20_000;

/** The tile holding a point at a zoom level (Web Mercator, as every slippy map). */
export function tileAt(lon: number, lat: number, zoom: number): Tile {
	const n = 2 ** zoom;
	const clampedLat = Math.max(-85.0511, Math.min(85.0511, lat));
	const rad = (clampedLat * Math.PI) / 180;
	const x = Math.floor(((lon + 180) / 360) * n);
	const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
	const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
	return { z: zoom, x: clamp(x), y: clamp(y) };
}

/** The tiles covering an area at one zoom level, as x and y ranges (inclusive). */
export function tileRange(bounds: Bounds, zoom: number) {
	const topLeft = tileAt(bounds.west, bounds.north, zoom);
	const bottomRight = tileAt(bounds.east, bounds.south, zoom);
	return { zoom, minX: topLeft.x, maxX: bottomRight.x, minY: topLeft.y, maxY: bottomRight.y };
}

export function countTiles(bounds: Bounds, fromZoom: number, toZoom: number): number {
	let count = 0;
	for (let zoom = fromZoom; zoom <= toZoom; zoom++) {
		const r = tileRange(bounds, zoom);
		count += (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1);
	}
	return count;
}

/** Every tile of an area, least detail first, so a cancelled save has the overview already. */
export function* tilesIn(bounds: Bounds, fromZoom: number, toZoom: number): Generator<Tile> {
	for (let zoom = fromZoom; zoom <= toZoom; zoom++) {
		const r = tileRange(bounds, zoom);
		for (let y = r.minY; y <= r.maxY; y++) for (let x = r.minX; x <= r.maxX; x++) yield { z: zoom, x, y };
	}
}

export function tileUrl(template: string, tile: Tile): string {
	return template
		.replaceAll('{z}', String(tile.z))
		.replaceAll('{x}', String(tile.x))
		.replaceAll('{y}', String(tile.y));
}

/** The least detailed level a saved area keeps: a few levels above the view it was chosen at. */
export function saveFromZoom(viewZoom: number, toZoom: number): number {
	return Math.min(Math.max(0, Math.floor(viewZoom) - 3), toZoom);
}

/** What people see at a zoom level, for choosing how much detail to save. */
export function zoomWords(zoom: number): string {
	if (zoom <= 9) return 'county';
	if (zoom <= 11) return 'district';
	if (zoom <= 13) return 'towns and villages';
	if (zoom <= 15) return 'streets';
	if (zoom <= 17) return 'buildings';
	return 'house numbers';
}

export interface SaveChoice {
	toZoom: number;
	tiles: number;
	bytes: number;
	/** Why this level cannot be saved, or null when it can. */
	refusal: string | null;
}

/**
 * The levels of detail a person can choose for an area seen at `viewZoom`, each with its tile
 * count and estimated size. `averageTileBytes` is what this device has measured, when it has.
 */
export function saveChoices(
	bounds: Bounds,
	viewZoom: number,
	source: TileSource,
	averageTileBytes = TYPICAL_TILE_BYTES
): SaveChoice[] {
	const choices: SaveChoice[] = [];
	for (let toZoom = Math.min(Math.floor(viewZoom), source.maxZoom); toZoom <= source.maxZoom; toZoom++) {
		const tiles = countTiles(bounds, saveFromZoom(viewZoom, toZoom), toZoom);
		const refusal =
			tiles > MAX_TILES_PER_AREA
				? `${tiles.toLocaleString('en-GB')} tiles is more than the ${MAX_TILES_PER_AREA.toLocaleString('en-GB')} one area can hold: choose less detail or a smaller area`
				: null;
		choices.push({ toZoom, tiles, bytes: tiles * averageTileBytes, refusal });
	}
	return choices;
}

/**
 * Why this tile source's areas may not be saved for offline use, or null when they may.
 * OpenStreetMap's own servers are refused whatever the configuration says.
 */
export function offlineSavingRefusal(source: TileSource): string | null {
	if (isOpenStreetMapTiles(source.urlTemplate)) {
		return 'OpenStreetMap’s tile usage policy does not allow saving areas for offline use. Places you have viewed are still kept on this device.';
	}
	if (!source.offlineSaving) {
		return 'This map’s tile source does not allow saving areas for offline use. Places you have viewed are still kept on this device.';
	}
	return null;
}

/** A size in words people read at a glance: "340 KB", "12.5 MB". */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${Math.round(bytes)} bytes`;
	if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
	if (bytes < 100_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
	return `${Math.round(bytes / 1_000_000)} MB`;
}

/** What a person asks for when saving an area: checked before anything is downloaded. */
export const saveAreaSchema = z.object({
	name: z
		.string({ error: 'Enter a name for the area' })
		.trim()
		.min(1, 'Enter a name for the area')
		.max(60, 'The name must be 60 characters or fewer'),
	bounds: boundsSchema,
	viewZoom: z.number().min(0).max(22),
	toZoom: z.number({ error: 'Choose how much detail to save' }).int().min(0).max(22)
});
export type SaveAreaRequest = z.infer<typeof saveAreaSchema>;

/** An area as a link carries it: `?bbox=west,south,east,north` (how the map links to saving its view). */
export function bboxParam(bounds: Bounds): string {
	return [bounds.west, bounds.south, bounds.east, bounds.north].map((n) => n.toFixed(5)).join(',');
}

export function parseBbox(text: string | null): Bounds | null {
	const [west, south, east, north] = (text ?? '').split(',').map(Number);
	const parsed = boundsSchema.safeParse({ west, south, east, north });
	return parsed.success ? parsed.data : null;
}
