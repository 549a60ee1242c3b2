/**
 * Form values are what people type (strings, blanks for "not answered"); the schemas take numbers
 * and leave unanswered fields out. These helpers sit between the two.
 */

/** A typed whole number as a number; blank as unanswered; anything else as typed, so the schema says what is wrong. */
export function toNumber(text: string | undefined): number | string | undefined {
	const trimmed = text?.trim() ?? '';
	if (trimmed === '') return undefined;
	return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Drop blank rows from a list before validating. Done to the form's own values (not just the copy
 * validated) so that an error on item 2 points at the input showing item 2.
 */
export function compact(list: string[]): string[] {
	return list.filter((item) => item.trim() !== '');
}

/**
 * A new id for a zone or an equipment store. Random rather than "the next letter": a removed zone's
 * id must never come back, or contacts still pointing at it would land in the new zone.
 */
export function newLocalId(): string {
	return crypto.randomUUID().slice(0, 8);
}
