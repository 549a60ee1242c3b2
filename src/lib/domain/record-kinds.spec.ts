import { describe, expect, it } from 'vitest';
import { exampleAsset, exampleSkill } from './asset/fixtures';
import {
	keswickContacts,
	keswickGroup,
	keswickHouseholds,
	stormActivation,
	FIXTURE_TODAY
} from './flood/fixtures';
import { RECORD_TYPES } from './records';
import { kindOf, recordKinds } from './record-kinds';
import { exampleReferral, receivedReferral } from './referral/fixtures';
import { exampleVisit, highRiskVisit } from './visit/fixtures';

const examples: Record<(typeof RECORD_TYPES)[number], unknown[]> = {
	asset: [exampleAsset(), exampleSkill()],
	visit: [exampleVisit(), highRiskVisit()],
	referral: [exampleReferral(), receivedReferral()],
	floodGroup: [keswickGroup],
	floodContact: [...keswickContacts],
	floodHousehold: [...keswickHouseholds],
	floodActivation: [stormActivation]
};

describe('recordKinds', () => {
	it('has one kind per record type, named for it', () => {
		for (const type of RECORD_TYPES) expect(recordKinds[type].type).toBe(type);
	});

	it.each(RECORD_TYPES)('%s: reads every example for lists and search', (type) => {
		const kind = kindOf(type);
		for (const example of examples[type]) {
			const data = kind.schema.parse(stripId(example));
			expect(kind.title(data)).not.toBe('');
			expect(Object.keys(kind.statusLabels)).toContain(kind.status(data));
			expect(typeof kind.detail(data)).toBe('string');
			expect(kind.searchText(data).length).toBeGreaterThan(0);
			expect(Array.isArray(kind.needsAttention(data, FIXTURE_TODAY))).toBe(true);
		}
	});

	it('flags what needs attention in words', () => {
		expect(
			kindOf('floodGroup').needsAttention(
				{ ...stripId(keswickGroup), planReviewDate: '2020-01-01' } as never,
				'2026-11-23'
			)
		).toEqual(['Plan review due since 1 January 2020']);
		expect(
			kindOf('visit')
				.needsAttention(highRiskVisit() as never, '2026-11-23')
				.join()
		).toMatch(/risk/);
	});
});

/** Flood fixtures carry their envelope id beside the data. */
function stripId(value: unknown): Record<string, unknown> {
	const { id: _id, ...data } = value as Record<string, unknown>;
	return data;
}
