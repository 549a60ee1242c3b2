import type { Asset } from './schema';

/**
 * Valid assets for tests, as `assetSchema` outputs them (phones in E.164). Fictional: names, people
 * and the Trust are made up; phone numbers are Ofcom drama numbers. Overrides replace whole fields,
 * and are not validated, so a test can build an invalid record on purpose.
 */

/** A published, active village hall in Keswick. */
export function exampleAsset(overrides: Partial<Asset> = {}): Asset {
	return {
		kind: 'place',
		name: 'Greta Side Community Hall',
		description:
			'Hall by the river with a kitchen and two meeting rooms; home to a lunch club and the flood ' +
			'action group, and a rest centre in floods.',
		status: 'active',
		lifecycle: 'published',
		organisation: 'Greta Side Hall Trust',
		location: {
			lat: 54.6031,
			lon: -3.1379,
			accuracyM: 8,
			postcode: 'CA12 5DJ',
			address: 'Greta Side, Keswick'
		},
		contacts: [
			{ name: 'Helen Dixon', phone: '+441632960418', email: 'bookings@example.org' },
			{ name: 'Alan Wilson', phone: '+447700900261' }
		],
		schedule: [
			{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' },
			{ days: ['sa'], opens: '10:00', closes: '13:00' }
		],
		scheduleNotes: 'Evening bookings by arrangement',
		accessibility: ['stepFreeAccess', 'accessibleToilet', 'hearingLoop', 'parking'],
		whoItServes: ['everyone'],
		taxonomyTerms: ['Community centres and halls'],
		lastVerified: '2025-10-14',
		consentToPublish: true,
		...overrides
	};
}

/** A published skill, with the holder's consent, and no location: a person's home is not listed. */
export function exampleSkill(overrides: Partial<Asset> = {}): Asset {
	return {
		kind: 'skill',
		name: 'Dry-stone walling',
		holderName: 'Sam Birkett',
		description: 'Builds and repairs field walls; happy to teach a small group.',
		status: 'active',
		lifecycle: 'published',
		contacts: [{ name: 'Sam Birkett', phone: '+447700900417' }],
		schedule: [],
		scheduleNotes: 'Weekends, by arrangement',
		accessibility: [],
		whoItServes: ['everyone'],
		taxonomyTerms: [],
		lastVerified: '2025-11-03',
		consentToPublish: true,
		...overrides
	};
}
