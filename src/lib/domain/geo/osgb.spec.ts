import { describe, expect, it } from 'vitest';
import {
	AIRY_1830,
	fromCartesian,
	GRS80,
	gridToOsgb36,
	helmert,
	osgb36ToGrid,
	osgbToWgs84,
	toCartesian,
	wgs84ToOsgb,
	WGS84_TO_OSGB36,
	type LatLon
} from './osgb';

const dms = (d: number, m: number, s: number, sign = 1) => sign * (d + m / 60 + s / 3600);
const ARCSEC = 1 / 3600;

/** Ground distance in metres between two nearby WGS84 points (haversine on the mean radius: fine at 1 mm). */
function metresBetween(p: LatLon, q: LatLon): number {
	const r = Math.PI / 180;
	const h =
		Math.sin(((q.lat - p.lat) * r) / 2) ** 2 +
		Math.cos(p.lat * r) * Math.cos(q.lat * r) * Math.sin(((q.lon - p.lon) * r) / 2) ** 2;
	return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

describe("the OS guide's worked examples (to their published precision)", () => {
	// Annex B.1: GRS80 53°36′43.1653″N 1°39′51.9920″W, 299.800 m → x, y, z (published to the mm).
	const annexB = { lat: dms(53, 36, 43.1653), lon: dms(1, 39, 51.992, -1) };
	const annexBxyz = { x: 3790644.9, y: -110149.21, z: 5111482.97 };

	it('annex B.1: latitude, longitude and height to cartesian, within 1 mm', () => {
		const c = toCartesian(annexB, GRS80, 299.8);
		expect(Math.abs(c.x - annexBxyz.x)).toBeLessThan(0.001);
		expect(Math.abs(c.y - annexBxyz.y)).toBeLessThan(0.001);
		expect(Math.abs(c.z - annexBxyz.z)).toBeLessThan(0.001);
	});

	it('annex B.2: cartesian back to latitude, longitude (0.0001″) and height (1 mm)', () => {
		const p = fromCartesian(annexBxyz, GRS80);
		expect(Math.abs(p.lat - annexB.lat)).toBeLessThan(0.0001 * ARCSEC);
		expect(Math.abs(p.lon - annexB.lon)).toBeLessThan(0.0001 * ARCSEC);
		expect(Math.abs(p.height - 299.8)).toBeLessThan(0.001);
	});

	it('annex D: the Helmert transformation of the same point to OSGB36, within 1 mm', () => {
		const b = helmert(annexBxyz, WGS84_TO_OSGB36);
		expect(Math.abs(b.x - 3790269.549)).toBeLessThan(0.001);
		expect(Math.abs(b.y - -110038.064)).toBeLessThan(0.001);
		expect(Math.abs(b.z - 5111050.261)).toBeLessThan(0.001);
	});

	it('annex D: and on to OSGB36 latitude and longitude, within 0.0001″ (3 mm)', () => {
		const p = fromCartesian({ x: 3790269.549, y: -110038.064, z: 5111050.261 }, AIRY_1830);
		expect(Math.abs(p.lat - dms(53, 36, 42.2972))).toBeLessThan(0.0001 * ARCSEC);
		expect(Math.abs(p.lon - dms(1, 39, 46.5416, -1))).toBeLessThan(0.0001 * ARCSEC);
		expect(Math.abs(p.height - 249.95)).toBeLessThan(0.001);
	});

	// Annex C's example: OSGB36 52°39′27.2531″N 1°43′04.5177″E ↔ E 651409.903, N 313177.270.
	const caister = { lat: dms(52, 39, 27.2531), lon: dms(1, 43, 4.5177) };

	it('annex C.1: OSGB36 latitude/longitude to eastings and northings, within 1 mm', () => {
		const g = osgb36ToGrid(caister);
		expect(Math.abs(g.easting - 651409.903)).toBeLessThan(0.001);
		expect(Math.abs(g.northing - 313177.27)).toBeLessThan(0.001);
	});

	it('annex C.2: eastings and northings to OSGB36 latitude/longitude, within 0.0001″ (3 mm)', () => {
		const p = gridToOsgb36({ easting: 651409.903, northing: 313177.27 });
		expect(Math.abs(p.lat - caister.lat)).toBeLessThan(0.0001 * ARCSEC);
		expect(Math.abs(p.lon - caister.lon)).toBeLessThan(0.0001 * ARCSEC);
	});
});

/**
 * Ordnance Survey's OSTN15/OSGM15 developer pack test points (OSTN15_OSGM15_TestInput_ETRStoOSGB.txt and
 * its TestOutput): ETRS89 latitude/longitude and the OSGB36 easting/northing OSTN15 gives for them (the
 * official, centimetre-level answer). ETRS89 stands in for WGS84, as the OS guide allows at this accuracy.
 */
const OSTN15_POINTS: [id: string, lat: number, lon: number, easting: number, northing: number][] = [
	['TP01', 49.9222639373, -6.29977752014, 91492.146, 11318.804],
	['TP02', 49.9600613782, -5.20304609998, 170370.718, 11572.405],
	['TP03', 50.4388582561, -4.10864563561, 250359.811, 62016.569],
	['TP04', 50.57563665, -1.2978227724, 449816.371, 75335.861],
	['TP05', 50.9312793791, -1.450514337, 438710.92, 114792.25],
	['TP06', 51.4007822014, -3.5512834924, 292184.87, 168003.465],
	['TP07', 51.3744702555, 1.44454730409, 639821.835, 169565.858],
	['TP08', 51.4275474302, -2.54407618349, 362269.991, 169978.69],
	['TP09', 51.4893656495, -0.1199255718, 530624.974, 178388.464],
	['TP10', 51.858908964, -4.3085247696, 241124.584, 220332.641],
	['TP11', 51.8943663735, 0.89724327012, 599445.59, 225722.826],
	['TP12', 52.2552938163, -2.15458614387, 389544.19, 261912.153],
	['TP13', 52.2516095123, -0.9124895697, 474335.969, 262047.755],
	['TP14', 52.7513668717, 0.40153547065, 562180.547, 319784.995],
	['TP15', 52.9621910941, -1.19747655922, 454002.834, 340834.943],
	['TP16', 53.3448028019, -2.6404932081, 357455.843, 383290.436],
	['TP17', 53.4162851604, -4.28918069756, 247958.971, 393492.909],
	['TP18', 53.4163092542, -4.28917792869, 247959.241, 393495.583],
	['TP19', 53.7791102576, -3.04045490691, 331534.564, 431920.794],
	['TP20', 53.8002151963, -1.66379168242, 422242.186, 433818.701],
	['TP21', 54.0866631808, -4.63452168212, 227778.33, 468847.388],
	['TP22', 54.1168514429, -0.07773133187, 525745.67, 470703.214],
	['TP23', 54.3291954101, -4.38849118133, 244780.636, 495254.887],
	['TP24', 54.8954234042, -2.93827741149, 339921.145, 556034.761],
	['TP25', 54.9791227366, -1.61657685184, 424639.355, 565012.703],
	['TP26', 55.8539995295, -4.29649016251, 256340.925, 664697.269],
	['TP27', 55.9247826551, -3.29479219337, 319188.434, 670947.534],
	['TP28', 57.0060669605, -5.8283669185, 167634.202, 797067.144],
	['TP29', 57.1390251896, -2.04856030746, 397160.491, 805349.736],
	['TP30', 57.4862500072, -4.21926398555, 267056.768, 846176.972],
	['TP31', 57.8135183841, -8.57854456076, 9587.909, 899448.996],
	['TP32', 58.2126224718, -7.59255560556, 71713.132, 938516.404],
	['TP33', 58.515603613, -6.26091455533, 151968.652, 966483.78],
	['TP34', 58.5812046128, -3.72631022121, 299721.891, 967202.992],
	['TP35', 59.0374387119, -3.21454001115, 330398.323, 1017347.016],
	['TP36', 59.0933503532, -4.41757674598, 261596.778, 1025447.602],
	['TP37', 59.096716174, -5.82799339844, 180862.461, 1029604.114],
	['TP38', 59.5347079449, -1.62516966058, 421300.525, 1072147.239],
	['TP39', 59.8540991389, -1.27486910356, 440725.073, 1107878.448],
	['TP40', 60.1330809166, -2.07382822798, 395999.668, 1138728.951]
];

describe('WGS84 ↔ National Grid against the 40 OSTN15 test points (Helmert: within 5 m)', () => {
	it.each(OSTN15_POINTS)('%s: WGS84 → grid within 5 m', (_id, lat, lon, easting, northing) => {
		const g = wgs84ToOsgb({ lat, lon });
		expect(Math.hypot(g.easting - easting, g.northing - northing)).toBeLessThan(5);
	});

	it.each(OSTN15_POINTS)('%s: grid → WGS84 within 5 m', (_id, lat, lon, easting, northing) => {
		expect(metresBetween(osgbToWgs84({ easting, northing }), { lat, lon })).toBeLessThan(5);
	});

	// Measured: median 1.8 m, 36 of 40 under 3.5 m; the worst are at the far edges of the grid (TP31 4.94 m,
	// TP01 4.74 m, TP32 4.20 m, TP02 4.12 m). TP24 is in Carlisle, TP19 at Blackpool airport.
	it('is within 1 m at Carlisle (TP24) and 2 m at Blackpool airport (TP19)', () => {
		for (const [id, tolerance] of [
			['TP24', 1],
			['TP19', 2]
		] as const) {
			const [, lat, lon, easting, northing] = point(id);
			const g = wgs84ToOsgb({ lat, lon });
			expect(Math.hypot(g.easting - easting, g.northing - northing), id).toBeLessThan(tolerance);
		}
	});

	it('is over 50 m off without the datum change (control: these points catch a missing Helmert)', () => {
		const [, lat, lon, easting, northing] = point('TP24');
		const g = osgb36ToGrid({ lat, lon });
		expect(Math.hypot(g.easting - easting, g.northing - northing)).toBeGreaterThan(50);
	});
});

function point(id: string): (typeof OSTN15_POINTS)[number] {
	const found = OSTN15_POINTS.find(([pointId]) => pointId === id);
	if (!found) throw new Error(`No test point ${id}`);
	return found;
}

describe('round trips', () => {
	// Every 0.25° over Cumbria (54.0–55.2 N, 3.6–2.2 W) and every degree over the rest of Great Britain.
	const cumbria: LatLon[] = [];
	for (let lat = 54; lat <= 55.2; lat += 0.25)
		for (let lon = -3.6; lon <= -2.2; lon += 0.25) cumbria.push({ lat, lon });
	const gb: LatLon[] = [];
	for (let lat = 50; lat <= 60; lat += 1) for (let lon = -7; lon <= 1; lon += 1) gb.push({ lat, lon });

	it.each([
		['Cumbria', cumbria],
		['Great Britain', gb]
	])('WGS84 → grid → WGS84 within 1 mm over %s', (_name, points) => {
		for (const p of points) {
			expect(metresBetween(osgbToWgs84(wgs84ToOsgb(p)), p), `${p.lat}, ${p.lon}`).toBeLessThan(0.001);
		}
	});

	it('grid → WGS84 → grid within 1 mm over the whole 700 km × 1300 km grid', () => {
		for (let easting = 0; easting <= 700000; easting += 50000) {
			for (let northing = 0; northing <= 1300000; northing += 100000) {
				const g = wgs84ToOsgb(osgbToWgs84({ easting, northing }));
				expect(Math.hypot(g.easting - easting, g.northing - northing)).toBeLessThan(0.001);
			}
		}
	});

	it('OSGB36 latitude/longitude → grid → back within 0.0001″ across the grid', () => {
		for (let lat = 50; lat <= 60; lat += 2.5) {
			for (let lon = -7; lon <= 1.5; lon += 1.7) {
				const p = gridToOsgb36(osgb36ToGrid({ lat, lon }));
				expect(Math.abs(p.lat - lat)).toBeLessThan(0.0001 * ARCSEC);
				expect(Math.abs(p.lon - lon)).toBeLessThan(0.0001 * ARCSEC);
			}
		}
	});
});

describe('refusals', () => {
	it.each([
		{ lat: Number.NaN, lon: 0 },
		{ lat: 91, lon: 0 },
		{ lat: 54, lon: Number.POSITIVE_INFINITY }
	])('refuses %o', (p) => {
		expect(() => wgs84ToOsgb(p)).toThrow(RangeError);
	});

	it('refuses a non-finite easting or northing', () => {
		expect(() => osgbToWgs84({ easting: Number.NaN, northing: 0 })).toThrow(RangeError);
	});
});
