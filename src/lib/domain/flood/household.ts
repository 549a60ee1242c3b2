import { z } from 'zod';
import { addressSchema, isoDateSchema, optionalText, requiredText } from '../common';
import { CONSENT_METHODS } from './contact';
import { zoneIdSchema } from './group';

/**
 * A household in a flood group's area. Vulnerabilities are special-category data: Cumbrian groups put
 * occupiers on their list only with signed permission, so none may be noted until consent is recorded.
 */

export const VULNERABILITIES = [
	'mobility',
	'powerDependentEquipment',
	'sensory',
	'youngChildren',
	'language',
	'medical',
	'other'
] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const VULNERABILITY_LABELS: Record<Vulnerability, string> = {
	mobility: 'Mobility: may need help to move or leave',
	powerDependentEquipment: 'Relies on powered equipment (oxygen, hoist, stairlift, dialysis)',
	sensory: 'Sight or hearing loss: may miss warnings',
	youngChildren: 'Young children',
	language: 'May need warnings in another language',
	medical: 'Medical condition',
	other: 'Other need (see notes)'
};

export const householdConsentSchema = z.object({
	givenOn: isoDateSchema,
	givenBy: requiredText('the name of the person who gave consent', 120),
	method: z.enum(CONSENT_METHODS, { error: 'Choose how they gave consent: written, verbal or electronic' })
});
export type HouseholdConsent = z.infer<typeof householdConsentSchema>;

export const NO_VULNERABILITIES_WITHOUT_CONSENT =
	"Record the household's consent before noting vulnerabilities";

export const floodHouseholdSchema = z
	.object({
		groupId: z.uuid({ error: 'Choose the flood group' }),
		zoneId: zoneIdSchema.optional(),
		address: addressSchema,
		occupants: z
			.number({ error: 'Enter how many people live there, like 2' })
			.int('Enter how many people live there as a whole number, like 2')
			.min(1, 'At least one person must live there'),
		// Ticked boxes: a repeat adds nothing, so it is dropped rather than refused.
		vulnerabilities: z
			.array(
				z.enum(VULNERABILITIES, {
					error:
						'Choose from mobility, power-dependent equipment, sensory, young children, language, medical or other'
				})
			)
			.default([])
			.transform((codes) => [...new Set(codes)]),
		consent: householdConsentSchema.optional(),
		notes: optionalText('the notes', 2000),
		keyholderContactId: z.uuid({ error: "Choose a keyholder from the group's contacts" }).optional()
	})
	.superRefine((household, ctx) => {
		if (household.vulnerabilities.length > 0 && !household.consent) {
			ctx.addIssue({
				code: 'custom',
				path: ['vulnerabilities'],
				message: NO_VULNERABILITIES_WITHOUT_CONSENT
			});
		}
	});
export type FloodHousehold = z.infer<typeof floodHouseholdSchema>;
export type FloodHouseholdInput = z.input<typeof floodHouseholdSchema>;
