import { describe, expect, it } from 'vitest';
import { cspSources, isOpenStreetMapTiles, MapSourcesError, readMapSources } from './sources.js';

const tileServer = {
	FELLSIDE_TILE_URL: 'https://tiles.example.org/raster/{z}/{x}/{y}.png?key=abc',
	FELLSIDE_TILE_ATTRIBUTION: '© Example Maps',
	FELLSIDE_TILE_OFFLINE_SAVING: 'allowed'
};

describe('readMapSources', () => {
	it('defaults to OpenStreetMap tiles, attributed, never saved offline, and no flood warnings', () => {
		expect(readMapSources({})).toEqual({
			tiles: {
				urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
				attribution: '© OpenStreetMap contributors',
				attributionUrl: 'https://www.openstreetmap.org/copyright',
				maxZoom: 19,
				offlineSaving: false
			},
			floodWarnings: { enabled: false, baseUrl: 'https://environment.data.gov.uk/flood-monitoring' }
		});
	});

	it('reads a configured tile source and flood warnings', () => {
		const sources = readMapSources({
			...tileServer,
			FELLSIDE_TILE_ATTRIBUTION_URL: 'https://example.org/terms',
			FELLSIDE_TILE_MAX_ZOOM: '17',
			FELLSIDE_FLOOD_WARNINGS: 'on',
			FELLSIDE_FLOOD_WARNINGS_URL: 'http://127.0.0.1:4720/flood-monitoring/'
		});
		expect(sources.tiles).toEqual({
			urlTemplate: tileServer.FELLSIDE_TILE_URL,
			attribution: '© Example Maps',
			attributionUrl: 'https://example.org/terms',
			maxZoom: 17,
			offlineSaving: true
		});
		expect(sources.floodWarnings).toEqual({
			enabled: true,
			baseUrl: 'http://127.0.0.1:4720/flood-monitoring'
		});
	});

	it.each([
		[
			{ FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' },
			/FELLSIDE_TILE_ATTRIBUTION must be set/
		],
		[{ ...tileServer, FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}.png' }, /has no \{y\}/],
		[{ ...tileServer, FELLSIDE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' }, /one tile host/],
		[{ ...tileServer, FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}{r}.png' }, /has \{r\}/],
		[
			{ ...tileServer, FELLSIDE_TILE_URL: 'https://t{z}.example.org/{z}/{x}/{y}.png' },
			/in its path, not in its host/
		],
		[
			{ ...tileServer, FELLSIDE_TILE_URL: 'http://tiles.example.org/{z}/{x}/{y}.png' },
			/must start with https/
		],
		[
			{ ...tileServer, FELLSIDE_TILE_URL: 'https://u:p@tiles.example.org/{z}/{x}/{y}.png' },
			/user name or password/
		],
		[{ ...tileServer, FELLSIDE_TILE_URL: 'tiles/{z}/{x}/{y}.png' }, /not a web address/],
		[
			{ FELLSIDE_TILE_MAX_ZOOM: '30' },
			/FELLSIDE_TILE_MAX_ZOOM must be a whole number from 1 to 22, not "30"/
		],
		[{ FELLSIDE_TILE_MAX_ZOOM: '12.5' }, /not "12.5"/],
		[{ FELLSIDE_TILE_OFFLINE_SAVING: 'yes' }, /must be "forbidden" or "allowed", not "yes"/],
		[{ FELLSIDE_FLOOD_WARNINGS: 'true' }, /FELLSIDE_FLOOD_WARNINGS must be "off" or "on"/],
		[{ FELLSIDE_FLOOD_WARNINGS_URL: 'ftp://ea.example.org' }, /must start with https/],
		[{ FELLSIDE_FLOOD_WARNINGS_URL: 'https://ea.example.org/api?x=1' }, /without \? or #/],
		[{ ...tileServer, FELLSIDE_TILE_ATTRIBUTION_URL: 'javascript:alert(1)' }, /FELLSIDE_TILE_ATTRIBUTION_URL/]
	])('refuses %o with a clear reason', (env, reason) => {
		expect(() => readMapSources(env)).toThrow(MapSourcesError);
		expect(() => readMapSources(env)).toThrow(reason);
	});

	it('refuses saving areas offline from OpenStreetMap, whose policy forbids bulk downloads', () => {
		for (const url of [undefined, 'https://a.tile.openstreetmap.org/{z}/{x}/{y}.png']) {
			const env = {
				FELLSIDE_TILE_URL: url,
				FELLSIDE_TILE_ATTRIBUTION: 'OSM',
				FELLSIDE_TILE_OFFLINE_SAVING: 'allowed'
			};
			expect(() => readMapSources(env)).toThrow(/tile usage policy forbids bulk downloads/);
		}
	});
});

describe('isOpenStreetMapTiles', () => {
	it('knows the OpenStreetMap Foundation tile hosts, and only them', () => {
		expect(isOpenStreetMapTiles('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(true);
		expect(isOpenStreetMapTiles('https://b.tile.openstreetmap.org/1/0/0.png')).toBe(true);
		expect(isOpenStreetMapTiles('https://TILE.OSM.ORG./1/0/0.png')).toBe(true);
		expect(isOpenStreetMapTiles('https://tile.openstreetmap.org.example.com/1/0/0.png')).toBe(false);
		expect(isOpenStreetMapTiles('https://notile.openstreetmap.org/1/0/0.png')).toBe(false);
		expect(isOpenStreetMapTiles('not a url')).toBe(false);
	});
});

describe('cspSources', () => {
	it('allows tile images only, by default', () => {
		expect(cspSources(readMapSources({}))).toEqual({
			'img-src': ['https://tile.openstreetmap.org'],
			'connect-src': []
		});
	});

	it('adds exactly the tile origin for saving areas and the flood-warning origin when they are on', () => {
		const sources = readMapSources({
			...tileServer,
			FELLSIDE_FLOOD_WARNINGS: 'on',
			FELLSIDE_FLOOD_WARNINGS_URL: 'http://127.0.0.1:4720/ea'
		});
		expect(cspSources(sources)).toEqual({
			'img-src': ['https://tiles.example.org'],
			'connect-src': ['https://tiles.example.org', 'http://127.0.0.1:4720']
		});
	});

	it('names a shared origin once', () => {
		const sources = readMapSources({
			...tileServer,
			FELLSIDE_FLOOD_WARNINGS: 'on',
			FELLSIDE_FLOOD_WARNINGS_URL: 'https://tiles.example.org/ea'
		});
		expect(cspSources(sources)['connect-src']).toEqual(['https://tiles.example.org']);
	});
});
