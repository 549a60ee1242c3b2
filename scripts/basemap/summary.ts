import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Split } from './areas';
import { vertexCount, type MultiPolygon } from './geometry';

/** The size budget lives here, not in a test: the file must stay small enough to cache on a phone. */
const RAW_LIMIT_BYTES = 1_000_000;
const GZIP_TARGET_BYTES = 300_000;

export type Summary = {
	output: string;
	json: string;
	seconds: number;
	layers: Record<string, MultiPolygon>;
	areaKm2: Record<string, number>;
	countyKm2: number;
	places: number;
	placesOutside: string[];
	splits: Split[];
};

export function printSummary(s: Summary): void {
	const raw = Buffer.byteLength(s.json);
	const gzip = gzipSync(s.json, { level: 9 }).length;
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log(`Wrote ${relative(process.cwd(), s.output)} in ${s.seconds.toFixed(1)} s`);
	console.log(`  size: ${kb(raw)} raw, ${kb(gzip)} gzip`);
	console.log(
		`  vertices: ${Object.entries(s.layers)
			.map(([name, v]) => `${name} ${vertexCount(v)}`)
			.join(', ')}`
	);
	console.log(
		`  county: ${s.countyKm2.toFixed(0)} km²; areas: ${Object.entries(s.areaKm2)
			.map(([n, a]) => `${n} ${a.toFixed(0)}`)
			.join(', ')} km²`
	);
	for (const split of s.splits) console.log(`  ${split.constituency}: ${split.areas.join(' + ')}`);
	console.log(`  places: ${s.places}`);
	if (s.placesOutside.length > 0)
		console.log(`  left out (point falls outside the simplified county edge): ${s.placesOutside.join(', ')}`);

	const rawOk = raw <= RAW_LIMIT_BYTES;
	const gzipOk = gzip <= GZIP_TARGET_BYTES;
	console.log(
		`  budget: raw ${rawOk ? 'OK' : 'OVER'} (limit ${kb(RAW_LIMIT_BYTES)}), gzip ${gzipOk ? 'OK' : 'OVER'} (target ${kb(GZIP_TARGET_BYTES)})`
	);
	if (!rawOk) {
		console.error('The base map is over its size limit: raise TOLERANCE_METRES or drop detail.');
		process.exitCode = 1;
	}
}
