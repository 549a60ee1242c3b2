import { z } from 'zod';
import { AREAS, type AreaId } from '../domain/areas';
import type { RecordEnvelope, RecordType } from '../domain/records';
import { buildAsset } from './assets';
import { createContext, type Builder } from './context';
import { isoTime } from './dates';
import { DEFAULT_NOW, DEFAULT_SEED, DEFAULT_SIZE } from './defaults';
import { buildFloodGroup } from './flood-groups';
import { AREA_POPULATION, pickPlace } from './places';
import { Random } from './random';
import { buildReferral } from './referrals';
import { demoStaff, type DemoStaff } from './staff';
import { buildVisit } from './visits';

export { DEFAULT_NOW, DEFAULT_SEED, DEFAULT_SIZE, DEMO_PASSWORD } from './defaults';
export { demoStaff, type DemoStaff } from './staff';
export type { AssetData } from './assets';
export type { VisitData } from './visits';
export type { ReferralData } from './referrals';
export type { FloodGroupData } from './flood-groups';

export type GenerateOptions = {
	/** Same seed, size and now give byte-identical output. */
	seed?: string;
	/** Total number of records, across all types. */
	size?: number;
	/** ISO date-time with an offset or `Z`: the moment the data is "as of". */
	now?: string;
};

export type DemoDataset = { staff: DemoStaff[]; records: RecordEnvelope[] };

/** Share of each record type, in order. */
const TYPE_SHARES: readonly (readonly [RecordType, number])[] = [
	['asset', 40],
	['visit', 25],
	['referral', 25],
	['floodGroup', 10]
];

const AREA_SHARES: readonly (readonly [AreaId, number])[] = AREAS.map((area) => [
	area.id,
	AREA_POPULATION[area.id]
]);

const BUILDERS: Record<RecordType, Builder> = {
	asset: buildAsset,
	visit: buildVisit,
	referral: buildReferral,
	floodGroup: buildFloodGroup
};

// Offsets matter: a local time would make the output depend on the machine's time zone.
const nowSchema = z.iso.datetime({ offset: true });

export function generateDemo(options: GenerateOptions = {}): DemoDataset {
	const seed = options.seed ?? DEFAULT_SEED;
	const size = options.size ?? DEFAULT_SIZE;
	if (!Number.isSafeInteger(size) || size < 0) {
		throw new RangeError(`size must be a whole number >= 0, not ${size}`);
	}
	const nowMs = Date.parse(nowSchema.parse(options.now ?? DEFAULT_NOW));

	const staff = demoStaff(seed);
	const rng = new Random(`${seed}:records`);
	const ctx = createContext(rng, nowMs, staff);
	const types = deal(rng, TYPE_SHARES, size);
	const areas = deal(rng, AREA_SHARES, size);

	const records: RecordEnvelope[] = new Array<RecordEnvelope>(size);
	for (let i = 0; i < size; i++) {
		const type = types[i] as RecordType;
		const areaId = areas[i] as AreaId;
		const id = rng.uuid();
		const { createdMs, updatedMs, data } = BUILDERS[type](ctx, pickPlace(rng, areaId));
		records[i] = { id, type, areaId, createdAt: isoTime(createdMs), updatedAt: isoTime(updatedMs), data };
	}
	return { staff, records };
}

/**
 * Exactly `total` values in the given shares (largest remainder), shuffled. Once there is room for
 * all of them, each value appears at least once, so small datasets still show every type and area.
 */
function deal<T>(rng: Random, shares: readonly (readonly [T, number])[], total: number): T[] {
	const floor = total >= shares.length ? 1 : 0;
	const rest = total - floor * shares.length;
	const sum = shares.reduce((acc, [, weight]) => acc + weight, 0);
	const exact = shares.map(([, weight]) => (rest * weight) / sum);
	const counts = exact.map((x) => floor + Math.floor(x));
	let left = total - counts.reduce((acc, n) => acc + n, 0);
	// Ties go to the earlier entry, so the result is stable.
	const byRemainder = exact
		.map((x, i) => [x - Math.floor(x), i] as const)
		.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of byRemainder) {
		if (left-- <= 0) break;
		counts[i] = (counts[i] ?? 0) + 1;
	}
	const values: T[] = [];
	shares.forEach(([value], i) => {
		for (let n = counts[i] ?? 0; n > 0; n--) values.push(value);
	});
	return rng.shuffle(values);
}
