import type { MultiPolygon, Pair, Polygon } from './geometry';

/**
 * Reads a map packaged for ECharts (`echarts.registerMap(name, geoJson)` in a UMD wrapper) without running
 * its code: the GeoJSON object literal is cut out and parsed, then ECharts' "UTF8Encoding" (zig-zag,
 * delta-coded positions, one character per coordinate, scaled by 1024) is decoded.
 */
export type EchartsRegion = { properties: Record<string, unknown>; surface: MultiPolygon };

type EncodedGeometry =
	| { type: 'Polygon'; coordinates: string[]; encodeOffsets: Pair[] }
	| { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: Pair[][] };
type EncodedMap = {
	UTF8Encoding?: boolean;
	UTF8Scale?: number;
	features: { properties: Record<string, unknown>; geometry: EncodedGeometry }[];
};

export function readEchartsMap(source: string, mapName: string): EchartsRegion[] {
	const call = `registerMap('${mapName}',`;
	const start = source.indexOf(call);
	const end = source.lastIndexOf('});');
	if (start < 0 || end < start)
		throw new Error(`No echarts.registerMap('${mapName}', …) call found in the map file`);
	const map = parseMap(source.slice(start + call.length, end + 1), mapName);
	if (!map.UTF8Encoding)
		throw new Error(`Map '${mapName}' is not in ECharts' UTF8Encoding, which this reader expects`);
	const scale = map.UTF8Scale ?? 1024;
	return map.features.map((feature) => ({
		properties: feature.properties,
		surface: decodeGeometry(feature.geometry, scale)
	}));
}

function parseMap(literal: string, mapName: string): EncodedMap {
	try {
		return JSON.parse(literal) as EncodedMap;
	} catch (error) {
		// The literal is megabytes long: name the problem without echoing it.
		throw new Error(`Map '${mapName}' is not plain JSON: ${(error as Error).message.slice(0, 120)}`, {
			cause: error
		});
	}
}

function decodeGeometry(geometry: EncodedGeometry, scale: number): MultiPolygon {
	if (geometry.type === 'Polygon')
		return [decodePolygon(geometry.coordinates, geometry.encodeOffsets, scale)];
	return geometry.coordinates.map((rings, i) => decodePolygon(rings, geometry.encodeOffsets[i] ?? [], scale));
}

function decodePolygon(rings: string[], offsets: Pair[], scale: number): Polygon {
	return rings.map((ring, i) => {
		const offset = offsets[i];
		if (!offset) throw new Error('An encoded ring has no offset');
		return closeRing(decodeRing(ring, offset, scale));
	});
}

function decodeRing(encoded: string, [startX, startY]: Pair, scale: number): Pair[] {
	const ring: Pair[] = [];
	let x = startX;
	let y = startY;
	for (let i = 0; i + 1 < encoded.length; i += 2) {
		x += zigzag(encoded.charCodeAt(i) - 64);
		y += zigzag(encoded.charCodeAt(i + 1) - 64);
		ring.push([x / scale, y / scale]);
	}
	return ring;
}

function zigzag(n: number): number {
	return (n >> 1) ^ -(n & 1);
}

function closeRing(ring: Pair[]): Pair[] {
	const first = ring[0];
	const last = ring[ring.length - 1];
	if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
	return ring;
}
