import { z } from 'zod';
import { AREAS, type AreaId } from '../domain/areas';
import type { RecordEnvelope, RecordType } from '../domain/records';
import { suggestCoachReferral } from '../domain/visit';
import { buildAsset } from './assets';
import { createContext, type BuildContext, type Built } from './context';
import { isoTime } from './dates';
import { DEFAULT_NOW, DEFAULT_SEED, DEFAULT_SIZE } from './defaults';
import { buildFloodGroups } from './flood-groups';
import { AREA_POPULATION, pickPlace } from './places';
import { Random } from './random';
import { referralMaker, type AssetRef, type VisitCandidate } from './referrals';
import { demoStaff, type DemoStaff } from './staff';
import { buildVisit } from './visits';

export { DEFAULT_NOW, DEFAULT_SEED, DEFAULT_SIZE, DEMO_PASSWORD } from './defaults';
export { demoStaff, type DemoStaff } from './staff';

export type GenerateOptions = {
	/** Same seed, size and now give byte-identical output. */
	seed?: string;
	/** Total number of records, across all types (a flood group's parts included). */
	size?: number;
	/** ISO date-time with an offset or `Z`: the moment the data is "as of". */
	now?: string;
};

export type DemoDataset = { staff: DemoStaff[]; records: RecordEnvelope[] };

/** Share of the records each part of the service gets; flood groups bring their contacts and the rest. */
const TYPE_SHARES = [
	['asset', 35],
	['visit', 22],
	['referral', 22],
	['flood', 21]
] as const;

/** A group with its parts is about 18 records (1 + 8–15 contacts + 3–8 households + some activations). */
const RECORDS_PER_GROUP = 18;

const AREA_SHARES: readonly (readonly [AreaId, number])[] = AREAS.map((area) => [
	area.id,
	AREA_POPULATION[area.id]
]);

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
	const [assets = 0, visits = 0, referrals = 0, flood = 0] = split(TYPE_SHARES, size);
	const records: RecordEnvelope[] = [];

	// Assets first, so referrals can offer them as support; visits before the referrals they lead to.
	const support = new Map<string, AssetRef[]>();
	for (const areaId of deal(rng, AREA_SHARES, assets)) {
		const place = pickPlace(rng, areaId);
		const built = buildAsset(ctx, place);
		const record = envelope(ctx, 'asset', areaId, built);
		records.push(record);
		const asset = built.data;
		if (asset.lifecycle === 'published' && asset.status === 'active') {
			const ref: AssetRef = { id: record.id, name: asset.name };
			if (asset.location) listFor(support, `town/${place.name}`).push({ ...ref, town: place.name });
			listFor(support, `area/${areaId}`).push(ref);
		}
	}

	const candidates = new Map<AreaId, VisitCandidate[]>();
	for (const areaId of deal(rng, AREA_SHARES, visits)) {
		const draft = buildVisit(ctx, pickPlace(rng, areaId));
		const record = envelope(ctx, 'visit', areaId, draft);
		records.push(record);
		const { status, consent } = draft.data;
		const finished = status === 'completed' || status === 'closed';
		if (finished && consent?.toShare && suggestCoachReferral(draft.data).suggested) {
			listFor(candidates, areaId).push({ envelope: record, draft });
		}
	}

	const makeReferral = referralMaker(ctx, support, candidates);
	for (const areaId of deal(rng, AREA_SHARES, referrals)) {
		const id = rng.uuid();
		records.push(envelope(ctx, 'referral', areaId, makeReferral(id, pickPlace(rng, areaId)), id));
	}

	const groupAreas = deal(rng, AREA_SHARES, Math.max(1, Math.round(flood / RECORDS_PER_GROUP)));
	records.push(...buildFloodGroups(ctx, flood, groupAreas));
	return { staff, records };
}

function envelope(
	ctx: BuildContext,
	type: RecordType,
	areaId: AreaId,
	built: Built<Record<string, unknown>>,
	id = ctx.rng.uuid()
): RecordEnvelope {
	const { createdMs, updatedMs, data } = built;
	return { id, type, areaId, createdAt: isoTime(createdMs), updatedAt: isoTime(updatedMs), data };
}

function listFor<K, V>(map: Map<K, V[]>, key: K): V[] {
	let list = map.get(key);
	if (!list) {
		list = [];
		map.set(key, list);
	}
	return list;
}

/**
 * Exactly `total` split in the given shares (largest remainder). Once there is room for all of them,
 * each gets at least one, so small datasets still show every type and area.
 */
function split<T>(shares: readonly (readonly [T, number])[], total: number): number[] {
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
	return counts;
}

/** `total` values in the given shares, shuffled. */
function deal<T>(rng: Random, shares: readonly (readonly [T, number])[], total: number): T[] {
	const counts = split(shares, total);
	const values: T[] = [];
	shares.forEach(([value], i) => {
		for (let n = counts[i] ?? 0; n > 0; n--) values.push(value);
	});
	return rng.shuffle(values);
}
