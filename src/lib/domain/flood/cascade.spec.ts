import { describe, expect, it } from 'vitest';
import { callTree, cascadeProblems, smsLink, telLink, type ContactOnFile } from './cascade';
import type { ContactRole, ContactStatus } from './contact';
import { KESWICK_CONTACT_IDS as ID, keswickContacts, keswickGroup } from './fixtures';
import type { FloodZone } from './group';

const GROUP = keswickGroup.id;
const ZONES: FloodZone[] = [
	{ id: 'a', name: 'Zone A – Main Street' },
	{ id: 'b', name: 'Zone B – Riverside' }
];

function person(
	n: number,
	role: ContactRole,
	zoneId: string | undefined,
	cascadeOrder: number,
	status: ContactStatus = 'active',
	name = `Person ${n}`
): ContactOnFile {
	const contact: ContactOnFile = {
		id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		groupId: GROUP,
		name,
		role,
		cascadeOrder,
		phones: ['+447700900100'],
		preferredChannel: 'call',
		status,
		consent: { givenOn: '2025-01-01', method: 'written', recordedBy: 'Gillian Hutchinson' }
	};
	if (zoneId) contact.zoneId = zoneId;
	return contact;
}

const names = (contacts: readonly ContactOnFile[]) => contacts.map((c) => c.name);

describe('cascadeProblems', () => {
	it('finds none when each place in each zone is used once, numbering restarting per zone', () => {
		const contacts = [
			person(1, 'coordinator', undefined, 1),
			person(2, 'deputy', undefined, 2),
			person(3, 'warden', 'a', 1),
			person(4, 'warden', 'a', 2),
			person(5, 'warden', 'b', 1),
			person(6, 'resident', 'b', 2)
		];
		expect(cascadeProblems(contacts, ZONES)).toEqual([]);
	});

	it('flags every contact sharing a place in a zone, naming the zone', () => {
		const contacts = [
			person(1, 'warden', 'a', 1),
			person(2, 'warden', 'a', 2),
			person(3, 'resident', 'a', 2)
		];
		const message = 'Cascade order 2 is used twice in Zone A – Main Street';
		expect(cascadeProblems(contacts, ZONES)).toEqual([
			{ contactId: contacts[1]?.id, message },
			{ contactId: contacts[2]?.id, message }
		]);
	});

	it('counts beyond twice', () => {
		const contacts = [
			person(1, 'warden', 'b', 1),
			person(2, 'warden', 'b', 1),
			person(3, 'resident', 'b', 1)
		];
		expect(cascadeProblems(contacts, ZONES).map((p) => p.message)).toEqual(
			Array(3).fill('Cascade order 1 is used 3 times in Zone B – Riverside')
		);
	});

	it('treats contacts without a zone as the coordination tier', () => {
		const contacts = [person(1, 'coordinator', undefined, 1), person(2, 'keyholder', undefined, 1)];
		expect(cascadeProblems(contacts, ZONES).map((p) => p.message)).toEqual(
			Array(2).fill('Cascade order 1 is used twice in the coordination tier')
		);
	});

	it('does not confuse the same place in different tiers', () => {
		const contacts = [
			person(1, 'coordinator', undefined, 1),
			person(2, 'warden', 'a', 1),
			person(3, 'warden', 'b', 1)
		];
		expect(cascadeProblems(contacts, ZONES)).toEqual([]);
	});

	it('frees a withdrawn contact’s place but still counts the invited', () => {
		expect(
			cascadeProblems([person(1, 'warden', 'a', 1, 'withdrawn'), person(2, 'warden', 'a', 1)], ZONES)
		).toEqual([]);
		expect(
			cascadeProblems([person(1, 'resident', 'a', 3, 'invited'), person(2, 'resident', 'a', 3)], ZONES)
		).toHaveLength(2);
	});

	it('names a zone it does not know by its id', () => {
		const contacts = [person(1, 'warden', 'x', 1), person(2, 'warden', 'x', 1)];
		expect(cascadeProblems(contacts)[0]?.message).toBe('Cascade order 1 is used twice in zone x');
	});

	it('finds none in the Keswick example', () => {
		expect(cascadeProblems(keswickContacts, keswickGroup.zones)).toEqual([]);
	});
});

describe('callTree', () => {
	it('calls coordination first, then each zone in the plan’s order, each in cascade order', () => {
		const tree = callTree(keswickGroup, keswickContacts);
		expect(tree.map((tier) => [tier.key, tier.kind, tier.name, names(tier.contacts)])).toEqual([
			[
				'coordination',
				'coordination',
				'Coordination',
				['Margaret Hodgson', 'David Tyson', 'Stuart Birkett', 'Helen Bowness']
			],
			[
				'zone:a',
				'zone',
				'Zone A – Penrith Road and Greta Side',
				['Ian Graham', 'Claire Relph', 'Dorothy Airey']
			],
			[
				'zone:b',
				'zone',
				'Zone B – High Hill and Crosthwaite Road',
				['Andrew Teasdale', 'Emma Storey', 'Joan Little']
			],
			['zone:c', 'zone', 'Zone C – Fitz Park and Station Street', ['Alan Pattinson', 'Lucy Moffat']]
		]);
	});

	it('leaves out the invited (not yet agreed) and the withdrawn', () => {
		const onTree = callTree(keswickGroup, keswickContacts).flatMap((tier) => tier.contacts.map((c) => c.id));
		expect(onTree).not.toContain(ID.invitedA);
		expect(onTree).not.toContain(ID.withdrawnB);
		expect(onTree).toHaveLength(12);
	});

	it.each([
		['consented', true],
		['active', true],
		['reviewDue', true],
		['invited', false],
		['withdrawn', false]
	] as const)('a %s contact is called: %s', (status, called) => {
		const tree = callTree({ id: GROUP, zones: ZONES }, [person(1, 'warden', 'a', 1, status)]);
		expect(tree[1]?.contacts.length).toBe(called ? 1 : 0);
	});

	it('sorts by cascade order whatever order the records come in, and by name on a tie', () => {
		const contacts = [
			person(1, 'resident', 'a', 3, 'active', 'Zoe'),
			person(2, 'warden', 'a', 1, 'active', 'Yan'),
			person(3, 'resident', 'a', 2, 'active', 'Bea'),
			person(4, 'resident', 'a', 2, 'active', 'Abe')
		];
		expect(names(callTree({ id: GROUP, zones: ZONES }, contacts)[1]?.contacts ?? [])).toEqual([
			'Yan',
			'Abe',
			'Bea',
			'Zoe'
		]);
	});

	it('keeps zones with nobody to call, so the gap shows', () => {
		const tree = callTree({ id: GROUP, zones: ZONES }, [person(1, 'coordinator', undefined, 1)]);
		expect(tree.map((tier) => [tier.key, tier.contacts.length])).toEqual([
			['coordination', 1],
			['zone:a', 0],
			['zone:b', 0]
		]);
	});

	it('still calls someone whose zone has left the plan, in a tier of their own at the end', () => {
		const tree = callTree({ id: GROUP, zones: ZONES }, [
			person(1, 'warden', 'gone', 1, 'active', 'Stranded')
		]);
		expect(tree.map((tier) => [tier.key, tier.name, names(tier.contacts)])).toEqual([
			['coordination', 'Coordination', []],
			['zone:a', 'Zone A – Main Street', []],
			['zone:b', 'Zone B – Riverside', []],
			['formerZone', 'Zone no longer in the plan', ['Stranded']]
		]);
	});

	it('ignores contacts of another group', () => {
		const stranger = { ...person(1, 'warden', 'a', 1), groupId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' };
		expect(callTree({ id: GROUP, zones: ZONES }, [stranger]).flatMap((tier) => tier.contacts)).toEqual([]);
	});
});

describe('tap to call or text', () => {
	it('links a stored number for calling', () => {
		expect(telLink('+447700900105')).toBe('tel:+447700900105');
	});

	it('normalises a number typed the way people write them', () => {
		expect(telLink('017687 72000')).toBe('tel:+441768772000');
		expect(smsLink('07700 900105')).toBe('sms:+447700900105');
	});

	it('strips what a dialler cannot use from a number it cannot normalise', () => {
		expect(telLink('+33 1 23 45 67 89')).toBe('tel:+33123456789');
	});

	it('links a text with no message', () => {
		expect(smsLink('+447700900105')).toBe('sms:+447700900105');
	});

	it('encodes the message so every character arrives', () => {
		expect(smsLink('+447700900105', 'Flood warning: River Greta & Penrith Rd. Reply OK? 100% #1\nKFAG')).toBe(
			'sms:+447700900105?&body=Flood%20warning%3A%20River%20Greta%20%26%20Penrith%20Rd.%20Reply%20OK%3F%20100%25%20%231%0AKFAG'
		);
	});

	it('encodes letters beyond ASCII', () => {
		expect(smsLink('+447700900105', 'Zone A – go')).toBe('sms:+447700900105?&body=Zone%20A%20%E2%80%93%20go');
	});
});
