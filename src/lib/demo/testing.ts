import type { RecordEnvelope } from '../domain/records';

/** Helpers for the demo data's specs: whole datasets checked in one assertion each. */

/** What breaks a rule, as `type id: why`, so a whole dataset costs one assertion, not millions. */
export function problems(
	records: readonly RecordEnvelope[],
	check: (record: RecordEnvelope) => Iterable<string>
): string[] {
	const found: string[] = [];
	for (const record of records) {
		for (const problem of check(record)) found.push(`${record.type} ${record.id}: ${problem}`);
		if (found.length >= 20) break;
	}
	return found;
}

/**
 * The first place `after` differs from `before`, as `path: before → after`, or undefined when they are
 * deeply equal. Cheaper than `toEqual` per record, and it says where.
 */
export function firstDifference(before: unknown, after: unknown, path = 'data'): string | undefined {
	if (Object.is(before, after)) return undefined;
	const bothObjects =
		typeof before === 'object' && before !== null && typeof after === 'object' && after !== null;
	if (!bothObjects || Array.isArray(before) !== Array.isArray(after)) {
		return `${path}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
	}
	const a = before as Record<string, unknown>;
	const b = after as Record<string, unknown>;
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		const found = firstDifference(a[key], b[key], `${path}.${key}`);
		if (found !== undefined) return found;
	}
	return undefined;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

/** Great-circle distance in metres (haversine). */
export function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const h =
		Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
