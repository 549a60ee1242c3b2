import { describe, expect, it } from 'vitest';
import {
	bboxParam,
	boundsSchema,
	countTiles,
	formatBytes,
	MAX_TILES_PER_AREA,
	offlineSavingRefusal,
	parseBbox,
	saveChoices,
	saveFromZoom,
	tileAt,
	tileRange,
	tilesIn,
	tileUrl,
	type Bounds,
	type TileSource
} from './tiles';

const keswick: Bounds = { west: -3.16, south: 54.59, east: -3.12, north: 54.61 };
const source: TileSource = {
	urlTemplate: 'https://tiles.example.org/{z}/{x}/{y}.png',
	attribution: '© Example',
	attributionUrl: null,
	maxZoom: 17,
	offlineSaving: true
};

describe('tile arithmetic', () => {
	it('finds the slippy-map tile holding a point', () => {
		// Widely published: London is tile 10/511/340, and the whole world is 0/0/0.
		expect(tileAt(-0.1278, 51.5074, 10)).toEqual({ z: 10, x: 511, y: 340 });
		expect(tileAt(-3.134, 54.6013, 0)).toEqual({ z: 0, x: 0, y: 0 });
		// Keswick, checked with an independent implementation (Python, the OSM wiki formula).
		expect(tileAt(-3.134, 54.6013, 12)).toEqual({ z: 12, x: 2012, y: 1303 });
	});

	it('keeps edge points on the map', () => {
		expect(tileAt(180, -90, 3)).toEqual({ z: 3, x: 7, y: 7 });
		expect(tileAt(-180, 90, 3)).toEqual({ z: 3, x: 0, y: 0 });
	});

	it('counts exactly the tiles it lists, least detail first', () => {
		const tiles = [...tilesIn(keswick, 10, 15)];
		expect(tiles).toHaveLength(countTiles(keswick, 10, 15));
		expect(tiles[0]?.z).toBe(10);
		expect(tiles.at(-1)?.z).toBe(15);
		expect(new Set(tiles.map((t) => `${t.z}/${t.x}/${t.y}`)).size).toBe(tiles.length);
		const r = tileRange(keswick, 15);
		expect(tiles.filter((t) => t.z === 15)).toHaveLength((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1));
	});

	it('roughly quadruples the tiles with each level of detail', () => {
		const at16 = countTiles(keswick, 16, 16);
		const at17 = countTiles(keswick, 17, 17);
		expect(at17 / at16).toBeGreaterThan(3);
		expect(at17 / at16).toBeLessThan(5);
	});

	it('fills a URL template', () => {
		expect(tileUrl('https://t.example.org/{z}/{x}/{y}.png?k={z}', { z: 3, x: 4, y: 5 })).toBe(
			'https://t.example.org/3/4/5.png?k=3'
		);
	});
});

describe('bounds', () => {
	it('refuses an area turned inside out', () => {
		expect(boundsSchema.safeParse(keswick).success).toBe(true);
		expect(boundsSchema.safeParse({ ...keswick, west: -3.1, east: -3.2 }).success).toBe(false);
		expect(boundsSchema.safeParse({ ...keswick, north: 95 }).success).toBe(false);
	});
});

describe('saving an area', () => {
	it('offers each level from the view to the most the source has, with counts and estimated sizes', () => {
		const choices = saveChoices(keswick, 13, source, 10_000);
		expect(choices.map((c) => c.toZoom)).toEqual([13, 14, 15, 16, 17]);
		for (const choice of choices) {
			expect(choice.tiles).toBe(countTiles(keswick, saveFromZoom(13, choice.toZoom), choice.toZoom));
			expect(choice.bytes).toBe(choice.tiles * 10_000);
		}
		expect(saveFromZoom(13, 17)).toBe(10);
	});

	it('refuses a level with more tiles than one area may hold, and says why', () => {
		const cumbria: Bounds = { west: -3.65, south: 54.0, east: -2.15, north: 55.2 };
		const choices = saveChoices(cumbria, 9, source);
		const tooMany = choices.filter((c) => c.tiles > MAX_TILES_PER_AREA);
		expect(tooMany.length).toBeGreaterThan(0);
		for (const choice of tooMany) expect(choice.refusal).toMatch(/more than the 5,000 one area can hold/);
		expect(choices[0]?.refusal).toBeNull();
	});

	it('never saves areas from OpenStreetMap, whatever the configuration says', () => {
		const osm = {
			...source,
			urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
			offlineSaving: true
		};
		expect(offlineSavingRefusal(osm)).toMatch(/OpenStreetMap’s tile usage policy/);
		expect(offlineSavingRefusal({ ...source, offlineSaving: false })).toMatch(/does not allow saving areas/);
		expect(offlineSavingRefusal(source)).toBeNull();
	});

	it('writes sizes people can read', () => {
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(34_500)).toBe('35 KB');
		expect(formatBytes(12_480_000)).toBe('12.5 MB');
		expect(formatBytes(250_000_000)).toBe('250 MB');
	});
});

describe('bbox links', () => {
	it('carry an area to the save page and back', () => {
		expect(parseBbox(bboxParam(keswick))).toEqual(keswick);
		expect(bboxParam(keswick)).toBe('-3.16000,54.59000,-3.12000,54.61000');
	});

	it('ignore a broken or missing area', () => {
		for (const text of [null, '', '1,2,3', 'a,b,c,d', '-3.1,54.6,-3.2,54.7'])
			expect(parseBbox(text)).toBeNull();
	});
});
