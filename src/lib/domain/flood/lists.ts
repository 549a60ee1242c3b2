/** Indexes of the items whose key an earlier item already had: the ones a form should flag. */
export function repeats<T>(items: readonly T[], key: (item: T) => string): number[] {
	const seen = new Set<string>();
	const found: number[] = [];
	items.forEach((item, i) => {
		const k = key(item);
		if (seen.has(k)) found.push(i);
		seen.add(k);
	});
	return found;
}
