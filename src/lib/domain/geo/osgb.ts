/**
 * WGS84 latitude/longitude ↔ Ordnance Survey National Grid (OSGB36, EPSG:27700) eastings and northings.
 *
 * The steps and constants follow Ordnance Survey, "A guide to coordinate systems in Great Britain"
 * (D00659): annex B (latitude/longitude ↔ 3D cartesian), section 6.6 and annex D (the Helmert
 * transformation and its WGS84/ETRS89 → OSGB36 parameters) and annex C (the Transverse Mercator
 * projection).
 *
 * Accuracy: the projection steps are exact to the millimetre (annex C's worked example). The datum change is
 * the OS's single seven-parameter Helmert transformation, an approximation of the official OSTN15 model
 * good to a few metres. Measured against OS's 40 OSTN15 test points (osgb.spec.ts): median 1.8 m, 0.8 m at
 * Carlisle, worst 4.9 m at St Kilda on the grid's western edge. OSTN15 itself is centimetre-level but needs a
 * large grid of shifts, out of scope for the app shell. WGS84 is taken as ETRS89: in Great Britain they
 * differ by under a metre, well inside the Helmert's own error (guide section 6.6).
 * Valid in and around Great Britain only: the series in annex C lose accuracy far from 2° W.
 */

export interface LatLon {
	/** Degrees, north positive. */
	lat: number;
	/** Degrees, east positive. */
	lon: number;
}

export interface GridPoint {
	/** Metres east of the National Grid's false origin. */
	easting: number;
	/** Metres north of the National Grid's false origin. */
	northing: number;
}

export interface Cartesian {
	x: number;
	y: number;
	z: number;
}

export interface Ellipsoid {
	/** Semi-major axis, metres. */
	a: number;
	/** Semi-minor axis, metres. */
	b: number;
}

/** OS guide table 1. GRS80 (ETRS89) stands in for WGS84: the semi-minor axes differ by 0.1 mm. */
export const GRS80: Ellipsoid = { a: 6378137.0, b: 6356752.3141 };
export const AIRY_1830: Ellipsoid = { a: 6377563.396, b: 6356256.909 };

export interface HelmertParameters {
	/** Translations, metres. */
	tx: number;
	ty: number;
	tz: number;
	/** Rotations, arc-seconds. */
	rx: number;
	ry: number;
	rz: number;
	/** Scale change, parts per million. */
	s: number;
}

/** OS guide section 6.6, table 4: WGS84 (ETRS89) → OSGB36. */
export const WGS84_TO_OSGB36: HelmertParameters = {
	tx: -446.448,
	ty: 125.157,
	tz: -542.06,
	rx: -0.1502,
	ry: -0.247,
	rz: -0.8421,
	s: 20.4894
};

/** National Grid projection constants, OS guide table 2. */
const F0 = 0.9996012717;
const LAT0 = toRadians(49);
const LON0 = toRadians(-2);
const E0 = 400000;
const N0 = -100000;

const ARCSEC = Math.PI / (180 * 3600);

/** Annex B.1: geodetic latitude, longitude and ellipsoid height to earth-centred cartesian coordinates. */
export function toCartesian(point: LatLon, ellipsoid: Ellipsoid, height = 0): Cartesian {
	const { a } = ellipsoid;
	const e2 = eccentricitySquared(ellipsoid);
	const phi = toRadians(point.lat);
	const lambda = toRadians(point.lon);
	const nu = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
	return {
		x: (nu + height) * Math.cos(phi) * Math.cos(lambda),
		y: (nu + height) * Math.cos(phi) * Math.sin(lambda),
		z: ((1 - e2) * nu + height) * Math.sin(phi)
	};
}

/** Annex B.2: cartesian to latitude, longitude and height, iterating latitude to well under a millimetre. */
export function fromCartesian(c: Cartesian, ellipsoid: Ellipsoid): LatLon & { height: number } {
	const { a } = ellipsoid;
	const e2 = eccentricitySquared(ellipsoid);
	const p = Math.hypot(c.x, c.y);
	let phi = Math.atan2(c.z, p * (1 - e2));
	for (let i = 0; i < 20; i++) {
		const nu = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
		const next = Math.atan2(c.z + e2 * nu * Math.sin(phi), p);
		const done = Math.abs(next - phi) < 1e-13;
		phi = next;
		if (done) break;
	}
	const nu = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
	return { lat: toDegrees(phi), lon: toDegrees(Math.atan2(c.y, c.x)), height: p / Math.cos(phi) - nu };
}

/**
 * Section 6.6 / annex D: the seven-parameter Helmert transformation as OS write it (scale on the diagonal
 * only, small-angle rotations), so annex D's worked example reproduces to the millimetre.
 */
export function helmert(c: Cartesian, t: HelmertParameters): Cartesian {
	const s1 = 1 + t.s * 1e-6;
	const rx = t.rx * ARCSEC;
	const ry = t.ry * ARCSEC;
	const rz = t.rz * ARCSEC;
	return {
		x: t.tx + s1 * c.x - rz * c.y + ry * c.z,
		y: t.ty + rz * c.x + s1 * c.y - rx * c.z,
		z: t.tz - ry * c.x + rx * c.y + s1 * c.z
	};
}

/** The reverse transformation OS suggest: every sign changed. Good to millimetres, not exact (guide 6.6). */
export function reverseHelmert(t: HelmertParameters): HelmertParameters {
	return { tx: -t.tx, ty: -t.ty, tz: -t.tz, rx: -t.rx, ry: -t.ry, rz: -t.rz, s: -t.s };
}

/** Annex C.1: OSGB36 latitude/longitude (on Airy 1830) to National Grid eastings and northings. */
export function osgb36ToGrid(point: LatLon): GridPoint {
	const { a } = AIRY_1830;
	const e2 = eccentricitySquared(AIRY_1830);
	const phi = toRadians(point.lat);
	const dLon = toRadians(point.lon) - LON0;
	const sin = Math.sin(phi);
	const cos = Math.cos(phi);
	const tan2 = Math.tan(phi) ** 2;
	const nu = (a * F0) / Math.sqrt(1 - e2 * sin ** 2);
	const rho = (a * F0 * (1 - e2)) / (1 - e2 * sin ** 2) ** 1.5;
	const eta2 = nu / rho - 1;
	const m = meridionalArc(phi);

	const I = m + N0;
	const II = (nu / 2) * sin * cos;
	const III = (nu / 24) * sin * cos ** 3 * (5 - tan2 + 9 * eta2);
	const IIIA = (nu / 720) * sin * cos ** 5 * (61 - 58 * tan2 + tan2 ** 2);
	const IV = nu * cos;
	const V = (nu / 6) * cos ** 3 * (nu / rho - tan2);
	const VI = (nu / 120) * cos ** 5 * (5 - 18 * tan2 + tan2 ** 2 + 14 * eta2 - 58 * tan2 * eta2);

	return {
		easting: E0 + IV * dLon + V * dLon ** 3 + VI * dLon ** 5,
		northing: I + II * dLon ** 2 + III * dLon ** 4 + IIIA * dLon ** 6
	};
}

/** Annex C.2: National Grid eastings and northings to OSGB36 latitude/longitude (on Airy 1830). */
export function gridToOsgb36(grid: GridPoint): LatLon {
	const { a } = AIRY_1830;
	const e2 = eccentricitySquared(AIRY_1830);

	// C.2 steps 1–3: iterate the footpoint latitude until the meridional arc matches to 0.01 mm.
	let phi = (grid.northing - N0) / (a * F0) + LAT0;
	let m = meridionalArc(phi);
	for (let i = 0; i < 50 && Math.abs(grid.northing - N0 - m) >= 0.00001; i++) {
		phi += (grid.northing - N0 - m) / (a * F0);
		m = meridionalArc(phi);
	}

	const sin = Math.sin(phi);
	const sec = 1 / Math.cos(phi);
	const tan = Math.tan(phi);
	const tan2 = tan ** 2;
	const nu = (a * F0) / Math.sqrt(1 - e2 * sin ** 2);
	const rho = (a * F0 * (1 - e2)) / (1 - e2 * sin ** 2) ** 1.5;
	const eta2 = nu / rho - 1;
	const dE = grid.easting - E0;

	const VII = tan / (2 * rho * nu);
	const VIII = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
	const IX = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan2 + 45 * tan2 ** 2);
	const X = sec / nu;
	const XI = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan2);
	const XII = (sec / (120 * nu ** 5)) * (5 + 28 * tan2 + 24 * tan2 ** 2);
	const XIIA = (sec / (5040 * nu ** 7)) * (61 + 662 * tan2 + 1320 * tan2 ** 2 + 720 * tan2 ** 3);

	return {
		lat: toDegrees(phi - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6),
		lon: toDegrees(LON0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7)
	};
}

/** WGS84 latitude/longitude (degrees, on the ellipsoid) to National Grid eastings/northings (metres). */
export function wgs84ToOsgb(point: LatLon): GridPoint {
	assertLatLon(point);
	const osgb36 = fromCartesian(helmert(toCartesian(point, GRS80), WGS84_TO_OSGB36), AIRY_1830);
	return osgb36ToGrid(osgb36);
}

/**
 * National Grid eastings/northings to WGS84 latitude/longitude. Starts from OS's reversed Helmert, then
 * corrects against the forward transformation until the two agree to 0.1 mm, so a round trip through
 * `wgs84ToOsgb` is exact and only the Helmert's own approximation (metres) remains.
 */
export function osgbToWgs84(grid: GridPoint): LatLon {
	if (!Number.isFinite(grid.easting) || !Number.isFinite(grid.northing)) {
		throw new RangeError('Easting and northing must be finite numbers');
	}
	const reverse = reverseHelmert(WGS84_TO_OSGB36);
	const approximate = (g: GridPoint): LatLon => {
		const { lat, lon } = fromCartesian(helmert(toCartesian(gridToOsgb36(g), AIRY_1830), reverse), GRS80);
		return { lat, lon };
	};
	let aim = grid;
	let result = approximate(aim);
	for (let i = 0; i < 10; i++) {
		const back = wgs84ToOsgb(result);
		const dE = grid.easting - back.easting;
		const dN = grid.northing - back.northing;
		if (Math.hypot(dE, dN) < 0.0001) break;
		aim = { easting: aim.easting + dE, northing: aim.northing + dN };
		result = approximate(aim);
	}
	return result;
}

/** Annex C, equation C3: the meridional arc from the true origin's latitude to `phi`, scaled by F0. */
function meridionalArc(phi: number): number {
	const { a, b } = AIRY_1830;
	const n = (a - b) / (a + b);
	const n2 = n * n;
	const n3 = n2 * n;
	const dPhi = phi - LAT0;
	const sPhi = phi + LAT0;
	return (
		b *
		F0 *
		((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * dPhi -
			(3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dPhi) * Math.cos(sPhi) +
			((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dPhi) * Math.cos(2 * sPhi) -
			(35 / 24) * n3 * Math.sin(3 * dPhi) * Math.cos(3 * sPhi))
	);
}

function eccentricitySquared({ a, b }: Ellipsoid): number {
	return (a * a - b * b) / (a * a);
}

function assertLatLon({ lat, lon }: LatLon): void {
	if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
		throw new RangeError('Latitude must be within ±90° and longitude within ±180°');
	}
}

function toRadians(degrees: number): number {
	return (degrees * Math.PI) / 180;
}

function toDegrees(radians: number): number {
	return (radians * 180) / Math.PI;
}
