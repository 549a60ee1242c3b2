/** The element id of a field, from its data path (`address.line1` → `field-address-line1`). */
export function fieldId(path: string): string {
	return `field-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
