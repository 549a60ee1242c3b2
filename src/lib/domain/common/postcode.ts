/**
 * UK postcodes: outward code, a space, inward code (e.g. `CA12 5DJ`). People type them in any case
 * and spacing; we store one canonical form. Pattern after the ONS/Royal Mail format rules.
 */
const POSTCODE =
	/^(GIR ?0AA|[A-PR-UWYZ](?:\d[\dA-HJKPSTUW]?|[A-HK-Y]\d[\dABEHMNPRV-Y]?) ?\d[ABD-HJLNP-UW-Z]{2})$/;

export function normalisePostcode(input: string): string | null {
	const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
	if (compact.length < 5 || compact.length > 7) return null;
	const formatted = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
	return POSTCODE.test(formatted) ? formatted : null;
}
