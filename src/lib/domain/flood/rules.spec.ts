import { describe, expect, it } from 'vitest';
import type { ContactOnFile } from './cascade';
import { FIXTURE_TODAY, KESWICK_CONTACT_IDS as ID, keswickContacts, keswickGroup } from './fixtures';
import { needsAttention } from './rules';

const TODAY = FIXTURE_TODAY;
const CLAIRE_DUE = 'Claire Relph has been due a review since 20 November 2025';

/** The Keswick contacts with some changed. */
function withChanges(changes: Record<string, Partial<ContactOnFile>>): ContactOnFile[] {
	return keswickContacts.map((c) => ({ ...c, ...changes[c.id] }));
}

/** Claire reviewed, so only the rule under test speaks. */
const reviewed = { [ID.wardenA2]: { lastReviewedOn: '2025-12-01' } };

describe('needsAttention', () => {
	it('in the Keswick example, asks only for Claire Relph’s review', () => {
		expect(needsAttention(keswickGroup, keswickContacts, TODAY)).toEqual([CLAIRE_DUE]);
	});

	it('is quiet for a group in good order', () => {
		expect(needsAttention(keswickGroup, withChanges(reviewed), TODAY)).toEqual([]);
	});

	describe('plan review', () => {
		it('flags a plan past its review date', () => {
			const group = { ...keswickGroup, planReviewDate: '2026-01-19' };
			expect(needsAttention(group, withChanges(reviewed), TODAY)).toEqual([
				'The flood plan was due for review on 19 January 2026'
			]);
		});

		it('does not flag it on the day itself', () => {
			const group = { ...keswickGroup, planReviewDate: TODAY };
			expect(needsAttention(group, withChanges(reviewed), TODAY)).toEqual([]);
		});
	});

	describe('zones without an active warden', () => {
		it('flags a zone whose only warden has withdrawn', () => {
			const contacts = withChanges({ ...reviewed, [ID.wardenC1]: { status: 'withdrawn' } });
			expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([
				'Zone C – Fitz Park and Station Street has no active warden'
			]);
		});

		it('does not count a warden who has only consented, nor a resident', () => {
			// Zone B: Andrew withdrawn leaves Emma (consented) and Joan (resident, active).
			const contacts = withChanges({ ...reviewed, [ID.wardenB1]: { status: 'withdrawn' } });
			expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([
				'Zone B – High Hill and Crosthwaite Road has no active warden'
			]);
		});

		it('counts a warden whose review is due (still on the cascade), and says the review is due', () => {
			const contacts = withChanges({ ...reviewed, [ID.wardenC1]: { status: 'reviewDue' } });
			expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual(['Alan Pattinson is due a review']);
		});

		it('flags a zone no one has been assigned to', () => {
			const group = {
				...keswickGroup,
				zones: [...keswickGroup.zones, { id: 'd', name: 'Zone D – Brundholme' }]
			};
			expect(needsAttention(group, withChanges(reviewed), TODAY)).toEqual([
				'Zone D – Brundholme has no active warden'
			]);
		});
	});

	it('reports each cascade clash once, not once per contact', () => {
		const contacts = withChanges({ ...reviewed, [ID.residentA]: { cascadeOrder: 2 } });
		expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([
			'Cascade order 2 is used twice in Zone A – Penrith Road and Greta Side'
		]);
	});

	describe('reviews', () => {
		it('flags everyone on the cascade whose 12 months are up', () => {
			const contacts = withChanges({
				...reviewed,
				[ID.residentC]: { consent: { givenOn: '2025-01-20', method: 'written', recordedBy: 'GH' } }
			});
			expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([
				'Lucy Moffat has been due a review since 20 January 2026'
			]);
		});

		it('leaves out the withdrawn and the invited', () => {
			// Kenneth Dixon (withdrawn) consented in 2024; Tom Ritson (invited) has no consent.
			expect(needsAttention(keswickGroup, keswickContacts, TODAY)).not.toContainEqual(
				expect.stringContaining('Kenneth')
			);
			expect(needsAttention(keswickGroup, keswickContacts, TODAY)).not.toContainEqual(
				expect.stringContaining('Tom')
			);
		});
	});

	it('flags someone left in a zone that is no longer in the plan', () => {
		const contacts = withChanges({ ...reviewed, [ID.residentC]: { zoneId: 'old-c' } });
		expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([
			'Lucy Moffat is in a zone that is no longer in the plan'
		]);
	});

	describe('equipment stores', () => {
		it.each([
			['has withdrawn', withChanges({ ...reviewed, [ID.keyholder]: { status: 'withdrawn' } })],
			[
				'is only invited',
				withChanges({ ...reviewed, [ID.keyholder]: { status: 'invited', consent: undefined } })
			]
		])('flags a store whose only keyholder %s', (_, contacts) => {
			const group = {
				...keswickGroup,
				equipmentStores: keswickGroup.equipmentStores.map((s) => ({
					...s,
					keyholderContactIds: [ID.keyholder]
				}))
			};
			expect(needsAttention(group, contacts, TODAY)).toEqual([
				'No keyholder can be called for Fitz Park pavilion store'
			]);
		});

		it('flags a store with no keyholder, or one who is not a contact of the group', () => {
			const group = {
				...keswickGroup,
				equipmentStores: [
					{ id: 'bank', name: 'Bank Street garage', keyholderContactIds: [], items: [] },
					{
						id: 'mill',
						name: 'Mill store',
						keyholderContactIds: ['9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'],
						items: []
					}
				]
			};
			expect(needsAttention(group, withChanges(reviewed), TODAY)).toEqual([
				'No keyholder can be called for Bank Street garage',
				'No keyholder can be called for Mill store'
			]);
		});

		it('is content with one callable keyholder among several', () => {
			const contacts = withChanges({ ...reviewed, [ID.keyholder]: { status: 'withdrawn' } });
			// Margaret Hodgson also holds the key.
			expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([]);
		});
	});

	it('ignores contacts of another group', () => {
		const stranger = {
			...keswickContacts[4],
			groupId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'
		} as ContactOnFile;
		const contacts = [
			...withChanges(reviewed),
			{ ...stranger, id: '9f8e7d6c-5b4a-4392-8170-000000000001', zoneId: 'gone', cascadeOrder: 1 }
		];
		expect(needsAttention(keswickGroup, contacts, TODAY)).toEqual([]);
	});

	it('lists reasons in a steady order: plan, zones, cascade, reviews, former zones, stores', () => {
		const group = { ...keswickGroup, planReviewDate: '2025-12-31' };
		const contacts = withChanges({
			[ID.wardenC1]: { status: 'withdrawn' },
			[ID.residentA]: { cascadeOrder: 1 },
			[ID.residentB]: { zoneId: 'old-b' },
			[ID.keyholder]: { status: 'withdrawn' },
			[ID.coordinator]: { status: 'withdrawn' }
		});
		expect(needsAttention(group, contacts, TODAY)).toEqual([
			'The flood plan was due for review on 31 December 2025',
			'Zone C – Fitz Park and Station Street has no active warden',
			'Cascade order 1 is used twice in Zone A – Penrith Road and Greta Side',
			CLAIRE_DUE,
			'Joan Little is in a zone that is no longer in the plan',
			'No keyholder can be called for Fitz Park pavilion store'
		]);
	});
});
