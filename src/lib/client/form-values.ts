/**
 * Form inputs give '' for "not answered"; the schemas mean that by a missing field. Remove empty
 * strings (and objects left empty by that) so optional fields validate as absent.
 */
export function cleanFormValues(value: unknown): unknown {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (Array.isArray(value)) return value.map(cleanFormValues).filter((item) => item !== undefined);
	if (value && typeof value === 'object') {
		const entries = Object.entries(value)
			.map(([key, item]) => [key, cleanFormValues(item)] as const)
			.filter(([, item]) => item !== undefined);
		return entries.length ? Object.fromEntries(entries) : undefined;
	}
	return value;
}
