import type { AreaId } from '../domain/areas';
import type { Address } from '../domain/common/fields';
import type { Random } from './random';

/**
 * Towns and villages of Cumbria: approximate WGS84 centre, the Local Committee area they sit in,
 * their postcode district(s), rough population (to weight how often they appear) and a few streets.
 */
export type Place = {
	name: string;
	areaId: AreaId;
	lat: number;
	lon: number;
	districts: readonly [string, ...string[]];
	population: number;
	streets: readonly string[];
};

export const PLACES: readonly Place[] = [
	// Allerdale
	p('Keswick', 'allerdale', 54.6005, -3.134, ['CA12'], 4800, [
		'Main Street',
		'Station Street',
		'Penrith Road',
		'Lake Road',
		'Borrowdale Road',
		'High Hill'
	]),
	p('Cockermouth', 'allerdale', 54.6638, -3.3619, ['CA13'], 8800, [
		'Main Street',
		'Station Street',
		'Lorton Road',
		'Castlegate',
		'Kirkgate',
		'Gote Road'
	]),
	p('Workington', 'allerdale', 54.6423, -3.5477, ['CA14'], 25000, [
		'Washington Street',
		'Finkle Street',
		'Harrington Road',
		'John Street',
		'Vulcans Lane',
		'Moorclose Road'
	]),
	p('Maryport', 'allerdale', 54.7131, -3.4946, ['CA15'], 11300, [
		'Senhouse Street',
		'Crosby Street',
		'Curzon Street',
		'Ewanrigg Road',
		'Netherhall Road'
	]),
	p('Wigton', 'allerdale', 54.8247, -3.1613, ['CA7'], 5400, [
		'King Street',
		'High Street',
		'West Street',
		'Station Road',
		'Burnfoot'
	]),
	p('Aspatria', 'allerdale', 54.7663, -3.3297, ['CA7'], 2800, [
		'King Street',
		'Queen Street',
		'Outgang Road',
		'Harriston Road'
	]),
	p('Silloth', 'allerdale', 54.8697, -3.3867, ['CA7'], 2900, [
		'Criffel Street',
		'Eden Street',
		'Petteril Street',
		'Skinburness Road'
	]),
	// Barrow
	p('Barrow-in-Furness', 'barrow', 54.111, -3.227, ['LA14', 'LA13'], 57000, [
		'Dalton Road',
		'Abbey Road',
		'Duke Street',
		'Rawlinson Street',
		'Greengate Street',
		'Walney Road',
		'Hindpool Road'
	]),
	p('Dalton-in-Furness', 'barrow', 54.155, -3.182, ['LA15'], 8000, [
		'Market Street',
		'Station Road',
		'Ulverston Road',
		'Skelgate',
		'Goose Green'
	]),
	p('Askam-in-Furness', 'barrow', 54.188, -3.207, ['LA16'], 3500, [
		'Duke Street',
		'Crossgates',
		'Sandy Lane',
		'Lots Road'
	]),
	p('Lindal-in-Furness', 'barrow', 54.169, -3.14, ['LA12'], 1000, [
		'London Road',
		'Lindal Moor Road',
		'Green Lane',
		'Station Road'
	]),
	// Carlisle
	p('Carlisle', 'carlisle', 54.892, -2.932, ['CA1', 'CA2', 'CA3'], 75000, [
		'Botchergate',
		'Warwick Road',
		'Scotch Street',
		'London Road',
		'Stanwix Bank',
		'Wigton Road',
		'Dalston Road',
		'Currock Road'
	]),
	p('Brampton', 'carlisle', 54.942, -2.733, ['CA8'], 4300, [
		'Front Street',
		'Main Street',
		'Longtown Road',
		'Moat Street',
		'Carlisle Road'
	]),
	p('Longtown', 'carlisle', 55.009, -2.97, ['CA6'], 3000, [
		'Swan Street',
		'English Street',
		'Esk Street',
		'Bridge Street'
	]),
	p('Dalston', 'carlisle', 54.846, -2.988, ['CA5'], 2700, [
		'The Square',
		'Townhead Road',
		'Station Road',
		'Carlisle Road'
	]),
	// Copeland
	p('Whitehaven', 'copeland', 54.5486, -3.5871, ['CA28'], 23800, [
		'Lowther Street',
		'King Street',
		'Duke Street',
		'Roper Street',
		'Hensingham Road',
		'Coach Road'
	]),
	p('Egremont', 'copeland', 54.482, -3.53, ['CA22'], 8100, [
		'Main Street',
		'Bookwell',
		'Beckside',
		'Croadalla Avenue',
		'East Road'
	]),
	p('Cleator Moor', 'copeland', 54.52, -3.515, ['CA25'], 6800, [
		'High Street',
		'Ennerdale Road',
		'Jacktrees Road',
		'Birks Road',
		'Market Square'
	]),
	p('Millom', 'copeland', 54.211, -3.271, ['LA18'], 7300, [
		'Lapstone Road',
		"St George's Road",
		'Wellington Street',
		'Market Square',
		'Devonshire Road'
	]),
	p('Seascale', 'copeland', 54.3953, -3.4835, ['CA20'], 1800, [
		'Gosforth Road',
		'Drigg Road',
		'Sea View',
		'The Banks'
	]),
	p('St Bees', 'copeland', 54.4925, -3.5935, ['CA27'], 1700, [
		'Main Street',
		'Outrigg',
		'Beach Road',
		'Abbey Road'
	]),
	// Eden
	p('Penrith', 'eden', 54.664, -2.752, ['CA11'], 16000, [
		'Middlegate',
		'King Street',
		'Castlegate',
		'Brunswick Road',
		'Wordsworth Street',
		'Scotland Road',
		'Stricklandgate'
	]),
	p('Appleby-in-Westmorland', 'eden', 54.577, -2.489, ['CA16'], 3000, [
		'Boroughgate',
		'Bridge Street',
		'Battlebarrow',
		'The Sands',
		'Station Road'
	]),
	p('Alston', 'eden', 54.811, -2.439, ['CA9'], 2100, [
		'Front Street',
		'Townfoot',
		"King's Arms Lane",
		'Station Road'
	]),
	p('Kirkby Stephen', 'eden', 54.472, -2.349, ['CA17'], 1800, [
		'Market Street',
		'High Street',
		'Nateby Road',
		'Silver Street'
	]),
	p('Shap', 'eden', 54.531, -2.679, ['CA10'], 1300, [
		'Main Street',
		'Kemplay Bank',
		'Fell Lane',
		'Hardendale'
	]),
	p('Glenridding', 'eden', 54.5437, -2.95, ['CA11'], 400, [
		'Greenside Road',
		'Ullswater Road',
		'Gillside',
		'Rattlebeck'
	]),
	// South Lakeland
	p('Kendal', 'south-lakeland', 54.328, -2.746, ['LA9'], 29000, [
		'Highgate',
		'Stricklandgate',
		'Stramongate',
		'Kirkland',
		'Windermere Road',
		'Burneside Road',
		'Appleby Road',
		'Sedbergh Road'
	]),
	p('Windermere', 'south-lakeland', 54.3797, -2.9036, ['LA23'], 8400, [
		'Main Road',
		'Lake Road',
		'Crescent Road',
		'Oak Street',
		'Ellerthwaite Road'
	]),
	p('Ambleside', 'south-lakeland', 54.432, -2.962, ['LA22'], 2600, [
		'Lake Road',
		'Rydal Road',
		'Compston Road',
		'Church Street',
		'Kelsick Road'
	]),
	p('Ulverston', 'south-lakeland', 54.195, -3.092, ['LA12'], 11700, [
		'Market Street',
		'Queen Street',
		'King Street',
		'Soutergate',
		'Princes Street',
		'Priory Road'
	]),
	p('Grange-over-Sands', 'south-lakeland', 54.192, -2.911, ['LA11'], 4100, [
		'Main Street',
		'Kents Bank Road',
		'Windermere Road',
		'Hampsfell Road'
	]),
	p('Sedbergh', 'south-lakeland', 54.323, -2.527, ['LA10'], 2700, [
		'Main Street',
		'Loftus Hill',
		'Back Lane',
		'Joss Lane'
	]),
	p('Kirkby Lonsdale', 'south-lakeland', 54.202, -2.603, ['LA6'], 1800, [
		'Main Street',
		'Market Street',
		'Mill Brow',
		'Biggins Road'
	])
];

/** Residents (thousands, 2021 census, rounded) of each area, to spread records as people are spread. */
export const AREA_POPULATION: Readonly<Record<AreaId, number>> = {
	allerdale: 96,
	barrow: 67,
	carlisle: 110,
	copeland: 68,
	eden: 55,
	'south-lakeland': 104
};

/** Letters Royal Mail uses in the inward code (never C, I, K, M, O, V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const HOUSE_NAMES = ['Fell View', 'Beck Cottage', 'Rose Cottage', 'Low Barn', 'The Old Smithy', 'Hill Top'];
const METRES_PER_DEGREE = 111_320;

function p(
	name: string,
	areaId: AreaId,
	lat: number,
	lon: number,
	districts: readonly [string, ...string[]],
	population: number,
	streets: readonly string[]
): Place {
	return { name, areaId, lat, lon, districts, population, streets };
}

// Square-root weighting keeps the city ahead without drowning out the villages.
const PLACE_WEIGHTS = new Map<AreaId, (readonly [Place, number])[]>();
for (const place of PLACES) {
	const list = PLACE_WEIGHTS.get(place.areaId) ?? [];
	list.push([place, Math.sqrt(place.population)]);
	PLACE_WEIGHTS.set(place.areaId, list);
}

const BY_NAME = new Map(PLACES.map((place) => [place.name, place]));

export function placesIn(areaId: AreaId): Place[] {
	return PLACES.filter((place) => place.areaId === areaId);
}

export function placeNamed(name: string): Place | undefined {
	return BY_NAME.get(name);
}

export function pickPlace(rng: Random, areaId: AreaId): Place {
	return rng.weighted(PLACE_WEIGHTS.get(areaId) ?? []);
}

/** A postcode in one of the place's districts, e.g. `CA12 5DJ`. */
export function postcode(rng: Random, place: Place): string {
	return `${rng.pick(place.districts)} ${rng.int(0, 9)}${letter(rng)}${letter(rng)}`;
}

function letter(rng: Random): string {
	return INWARD_LETTERS.charAt(rng.int(0, INWARD_LETTERS.length - 1));
}

export function address(rng: Random, place: Place): Address {
	const street = rng.pick(place.streets);
	const line1 = rng.chance(0.15) ? `${rng.pick(HOUSE_NAMES)}, ${street}` : `${rng.int(1, 140)} ${street}`;
	return { line1, town: place.name, postcode: postcode(rng, place) };
}

/**
 * A point within `maxMetres` of the place's centre, uniform over the disc, to 5 decimals (~1 m).
 * Only + - * / (no sin or cos, which engines may round differently), so a browser makes the same bytes.
 */
export function pointNear(rng: Random, place: Place, maxMetres = 1500): { lat: number; lon: number } {
	let x: number;
	let y: number;
	do {
		x = 2 * rng.next() - 1;
		y = 2 * rng.next() - 1;
	} while (x * x + y * y > 1);
	const metresPerDegreeLon = METRES_PER_DEGREE * cosine((place.lat * Math.PI) / 180);
	return {
		lat: round5(place.lat + (y * maxMetres) / METRES_PER_DEGREE),
		lon: round5(place.lon + (x * maxMetres) / metresPerDegreeLon)
	};
}

/** cos(x) by its Taylor series: exact to double precision for |x| < 1.6, the same in every engine. */
function cosine(x: number): number {
	let term = 1;
	let sum = 1;
	for (let n = 1; n <= 12; n++) {
		term *= (-x * x) / ((2 * n - 1) * (2 * n));
		sum += term;
	}
	return sum;
}

function round5(n: number): number {
	return Math.round(n * 1e5) / 1e5;
}
