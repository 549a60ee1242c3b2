/** Structural equality for JSON-like values: decides which fields an edit really changed. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
	}
	const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
	const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
	return (
		ak.length === bk.length &&
		ak.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
	);
}

/** The top-level fields of `next` that differ from `previous` (a removed field maps to null). */
export function changedFields(
	previous: Record<string, unknown>,
	next: Record<string, unknown>
): Record<string, unknown> {
	const changes: Record<string, unknown> = {};
	for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
		if (!sameValue(previous[key], next[key])) changes[key] = next[key] ?? null;
	}
	return changes;
}
