import type { Occupant } from './schema';

/**
 * The special-category health details of an occupant (UK GDPR Art. 9). They need consent to record,
 * and a later issue encrypts them at rest, so the list is explicit rather than implied by the schema.
 * Free text (notes, referral reasons) may also carry health details: treat it as sensitive too.
 */
export const HEALTH_FIELDS = [
	'hearing',
	'mobility',
	'cognition',
	'smoking',
	'alcohol',
	'homeOxygen',
	'careReceived'
] as const satisfies readonly (keyof Occupant)[];
export type HealthField = (typeof HEALTH_FIELDS)[number];

/** The health details answered for this person (an answer of "none" still counts). */
export function healthFieldsAnswered(occupant: Occupant): HealthField[] {
	return HEALTH_FIELDS.filter((field) => occupant[field] !== undefined);
}
