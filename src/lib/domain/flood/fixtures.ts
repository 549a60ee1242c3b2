import type { CallTreeActivation } from './activation';
import type { ContactOnFile } from './cascade';
import type { ContactConsent, ContactRole, ContactStatus } from './contact';
import type { FloodGroup, WithId } from './group';
import type { FloodHousehold } from './household';

/**
 * A worked example: a flood group in Keswick with zones along the River Greta, its call tree,
 * households and a storm-warning activation under way. People are invented; phone numbers are
 * Ofcom's drama ranges, so nothing ever rings. Stored as the schemas output them (E.164 phones).
 */

/** The day the example is set: the morning of the storm. */
export const FIXTURE_TODAY = '2026-01-20';

const GROUP_ID = '4b6f2c1e-8d3a-4f5b-9c7e-1a2b3c4d5e6f';
const contactId = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const householdId = (n: number) => `ba5e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const entryId = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const keswickGroup: WithId<FloodGroup> = {
	id: GROUP_ID,
	name: 'Keswick Flood Action Group',
	town: 'Keswick',
	zones: [
		{
			id: 'a',
			name: 'Zone A – Penrith Road and Greta Side',
			description: 'Both banks of the Greta from Greta Bridge to the leisure pool'
		},
		{ id: 'b', name: 'Zone B – High Hill and Crosthwaite Road', description: 'West of Greta Bridge' },
		{ id: 'c', name: 'Zone C – Fitz Park and Station Street' }
	],
	floodAreaCodes: ['011FWFNC6KC', '011WAFDW'],
	planReviewDate: '2026-09-30',
	equipmentStores: [
		{
			id: 'fitz-park',
			name: 'Fitz Park pavilion store',
			location: { lat: 54.6037, lon: -3.1318, accuracyM: 10 },
			keyholderContactIds: [contactId(3), contactId(1)],
			items: ['200 sandbags', '12 flood boards', '6 head torches', '10 hi-vis jackets', '4 hand-held radios']
		}
	],
	notes: 'Trigger: Environment Agency flood warning for the Greta, or the Greta at Low Briery above 2.0 m.'
};

const consent = (givenOn: string, method: ContactConsent['method'] = 'written'): ContactConsent => ({
	givenOn,
	method,
	recordedBy: 'Gillian Hutchinson, Cumberland Council'
});

function contact(
	n: number,
	name: string,
	role: ContactRole,
	zoneId: string | undefined,
	cascadeOrder: number,
	status: ContactStatus,
	more: Partial<ContactOnFile> = {}
): ContactOnFile {
	const base: ContactOnFile = {
		id: contactId(n),
		groupId: GROUP_ID,
		name,
		role,
		cascadeOrder,
		phones: [`+4477009001${String(n).padStart(2, '0')}`],
		preferredChannel: 'call',
		status
	};
	if (zoneId) base.zoneId = zoneId;
	return { ...base, ...more };
}

export const keswickContacts: ContactOnFile[] = [
	contact(1, 'Margaret Hodgson', 'coordinator', undefined, 1, 'active', {
		consent: consent('2025-03-02'),
		lastReviewedOn: '2025-10-01'
	}),
	contact(2, 'David Tyson', 'deputy', undefined, 2, 'active', {
		phones: ['+447700900102', '+441632960102'],
		consent: consent('2025-03-02')
	}),
	contact(3, 'Stuart Birkett', 'keyholder', undefined, 3, 'active', {
		preferredChannel: 'text',
		consent: consent('2025-04-12', 'verbal')
	}),
	contact(4, 'Helen Bowness', 'refuge', undefined, 4, 'consented', {
		phones: ['+441632960104'],
		consent: consent('2025-06-30')
	}),
	contact(5, 'Ian Graham', 'warden', 'a', 1, 'active', { consent: consent('2025-02-10') }),
	// Consented over a year ago and not reviewed since: the example's one review due.
	contact(6, 'Claire Relph', 'warden', 'a', 2, 'active', {
		preferredChannel: 'text',
		consent: consent('2024-11-20')
	}),
	contact(7, 'Dorothy Airey', 'resident', 'a', 3, 'active', {
		phones: ['+441632960107'],
		consent: consent('2025-02-14', 'verbal')
	}),
	contact(8, 'Tom Ritson', 'resident', 'a', 4, 'invited', { preferredChannel: 'text' }),
	contact(9, 'Andrew Teasdale', 'warden', 'b', 1, 'active', { consent: consent('2025-05-01') }),
	contact(10, 'Emma Storey', 'warden', 'b', 2, 'consented', {
		preferredChannel: 'text',
		email: 'emma.storey@example.org',
		consent: consent('2025-12-01', 'electronic')
	}),
	// Withdrawn, so Joan Little has taken place 3 in zone B.
	contact(11, 'Kenneth Dixon', 'resident', 'b', 3, 'withdrawn', {
		phones: ['+441632960111'],
		consent: consent('2024-05-05')
	}),
	contact(12, 'Joan Little', 'resident', 'b', 3, 'active', {
		phones: ['+441632960112'],
		consent: consent('2025-08-19')
	}),
	contact(13, 'Alan Pattinson', 'warden', 'c', 1, 'active', {
		consent: consent('2025-01-25'),
		lastReviewedOn: '2026-01-10'
	}),
	contact(14, 'Lucy Moffat', 'resident', 'c', 2, 'active', {
		preferredChannel: 'text',
		consent: consent('2025-09-09', 'electronic')
	})
];

export const KESWICK_CONTACT_IDS = {
	coordinator: contactId(1),
	deputy: contactId(2),
	keyholder: contactId(3),
	refuge: contactId(4),
	wardenA1: contactId(5),
	wardenA2: contactId(6),
	residentA: contactId(7),
	invitedA: contactId(8),
	wardenB1: contactId(9),
	wardenB2: contactId(10),
	withdrawnB: contactId(11),
	residentB: contactId(12),
	wardenC1: contactId(13),
	residentC: contactId(14)
} as const;

export const keswickHouseholds: WithId<FloodHousehold>[] = [
	{
		id: householdId(1),
		groupId: GROUP_ID,
		zoneId: 'a',
		address: { line1: '14 Penrith Road', town: 'Keswick', postcode: 'CA12 4HF' },
		occupants: 2,
		vulnerabilities: ['mobility', 'powerDependentEquipment'],
		consent: { givenOn: '2025-02-14', givenBy: 'Dorothy Airey', method: 'written' },
		notes: 'Stairlift; oxygen concentrator needs power.',
		keyholderContactId: contactId(5)
	},
	{
		id: householdId(2),
		groupId: GROUP_ID,
		zoneId: 'b',
		address: { line1: '3 High Hill', town: 'Keswick', postcode: 'CA12 5NY' },
		occupants: 4,
		vulnerabilities: []
	},
	{
		id: householdId(3),
		groupId: GROUP_ID,
		zoneId: 'c',
		address: { line1: 'Flat 2', line2: '21 Station Street', town: 'Keswick', postcode: 'CA12 5HH' },
		occupants: 3,
		vulnerabilities: ['youngChildren'],
		consent: { givenOn: '2025-09-09', givenBy: 'Lucy Moffat', method: 'electronic' }
	}
];

const by = 'Margaret Hodgson';

/** Under way: the coordination tier nearly done, zones A and B started, zone C not yet. */
export const stormActivation: WithId<CallTreeActivation> = {
	id: 'ac71a710-0000-4000-8000-000000000001',
	groupId: GROUP_ID,
	title: 'Storm warning – River Greta',
	floodAreaCode: '011FWFNC6KC',
	startedAt: '2026-01-20T06:15:00Z',
	startedBy: by,
	log: [
		{
			id: entryId(1),
			contactId: contactId(1),
			at: '2026-01-20T06:15:00Z',
			channel: 'call',
			outcome: 'reached',
			by,
			note: 'Floodline warning received'
		},
		{
			id: entryId(2),
			contactId: contactId(2),
			at: '2026-01-20T06:18:00Z',
			channel: 'call',
			outcome: 'reached',
			by
		},
		{
			id: entryId(3),
			contactId: contactId(3),
			at: '2026-01-20T06:20:00Z',
			channel: 'text',
			outcome: 'reached',
			by,
			note: 'Opening the Fitz Park store at 07:00'
		},
		{
			id: entryId(4),
			contactId: contactId(5),
			at: '2026-01-20T06:22:00Z',
			channel: 'call',
			outcome: 'noAnswer',
			by
		},
		{
			id: entryId(5),
			contactId: contactId(9),
			at: '2026-01-20T06:24:00Z',
			channel: 'call',
			outcome: 'reached',
			by
		},
		{
			id: entryId(6),
			contactId: contactId(5),
			at: '2026-01-20T06:31:00Z',
			channel: 'call',
			outcome: 'reached',
			by
		},
		{
			id: entryId(7),
			contactId: contactId(7),
			at: '2026-01-20T06:40:00Z',
			channel: 'visit',
			outcome: 'needsHelp',
			by: 'Ian Graham',
			note: 'Needs help upstairs; oxygen concentrator on battery'
		},
		{
			id: entryId(8),
			contactId: contactId(12),
			at: '2026-01-20T06:45:00Z',
			channel: 'call',
			outcome: 'leftMessage',
			by: 'Andrew Teasdale'
		}
	]
};
