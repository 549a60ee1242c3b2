import { describe, expect, it } from 'vitest';
import type { AreaId } from '../areas';
import { RECORD_TYPES, staffRoleSchema, type RecordType, type StaffRole } from '../records';
import {
	ACCESS_ACTIONS,
	may,
	reachFilter,
	refusal,
	roleCan,
	roleRefusal,
	typesReadableBy,
	type AccessAction,
	type Person,
	type RecordFacts,
	type ReachFilter
} from './rules';

const ME = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const person = (role: StaffRole, areaIds: AreaId[] = ['eden']): Person => ({ staffId: ME, role, areaIds });

/**
 * Written out by hand, not derived from the rules: [role, type, where, allowed actions].
 * "home" is a record in the person's area; "away" is elsewhere and not linked to them;
 * "assigned" and "raised" are elsewhere but assigned to them or created by them.
 */
type Where = 'home' | 'away' | 'assigned' | 'raised';
const EXPECTED: [StaffRole, RecordType, Where, string][] = [
	['coach', 'asset', 'home', 'read'],
	['coach', 'asset', 'away', 'read'],
	['coach', 'referral', 'home', 'read create update archive'],
	['coach', 'referral', 'away', ''],
	['coach', 'referral', 'assigned', 'read create update archive'],
	['coach', 'referral', 'raised', ''],
	['coach', 'visit', 'home', ''],
	['coach', 'floodGroup', 'home', ''],
	['coach', 'floodHousehold', 'home', ''],
	['fireOfficer', 'asset', 'away', 'read'],
	['fireOfficer', 'asset', 'home', 'read'],
	['fireOfficer', 'visit', 'home', 'read create update archive'],
	['fireOfficer', 'visit', 'away', ''],
	['fireOfficer', 'visit', 'assigned', 'read update'],
	['fireOfficer', 'referral', 'home', 'create'],
	['fireOfficer', 'referral', 'away', ''],
	['fireOfficer', 'referral', 'raised', 'read update'],
	['fireOfficer', 'floodContact', 'home', ''],
	['areaTeam', 'asset', 'home', 'read create update archive'],
	['areaTeam', 'asset', 'away', 'read'],
	['areaTeam', 'floodGroup', 'home', 'read create update archive'],
	['areaTeam', 'floodContact', 'home', 'read create update archive'],
	['areaTeam', 'floodHousehold', 'home', 'read create update archive'],
	['areaTeam', 'floodActivation', 'home', 'read create update archive'],
	['areaTeam', 'floodHousehold', 'away', ''],
	['areaTeam', 'visit', 'home', ''],
	['areaTeam', 'referral', 'home', ''],
	['manager', 'asset', 'away', 'read'],
	['manager', 'visit', 'home', 'read create update archive'],
	['manager', 'visit', 'away', ''],
	['manager', 'referral', 'home', 'read create update archive'],
	['manager', 'referral', 'assigned', ''],
	['manager', 'floodActivation', 'home', 'read create update archive'],
	['manager', 'floodGroup', 'away', ''],
	['admin', 'referral', 'away', 'read create update archive'],
	['admin', 'visit', 'away', 'read create update archive'],
	['admin', 'floodHousehold', 'away', 'read create update archive']
];

const facts = (type: RecordType, where: Where) => ({
	type,
	areaId: (where === 'home' ? 'eden' : 'copeland') as AreaId,
	assignedTo: where === 'assigned' ? ME : OTHER,
	createdBy: where === 'raised' ? ME : OTHER
});

describe('who may do what', () => {
	it.each(EXPECTED)('%s on a %s (%s) may: %s', (role, type, where, allowed) => {
		const actions: AccessAction[] = ['read', 'create', 'update', 'archive'];
		const granted = actions.filter((action) => may(person(role), action, facts(type, where)));
		expect(granted.join(' ')).toBe(allowed);
	});

	it('a person with several areas reaches each of them', () => {
		const coach = person('coach', ['eden', 'copeland']);
		expect(may(coach, 'read', facts('referral', 'away'))).toBe(true);
		expect(may(coach, 'read', { ...facts('referral', 'away'), areaId: 'barrow' })).toBe(false);
	});

	it('the types each role can hold on a device', () => {
		expect(typesReadableBy('coach')).toEqual(['asset', 'referral']);
		expect(typesReadableBy('fireOfficer')).toEqual(['asset', 'visit', 'referral']);
		expect(typesReadableBy('areaTeam').sort()).toEqual(
			['asset', 'floodActivation', 'floodContact', 'floodGroup', 'floodHousehold'].sort()
		);
		expect(typesReadableBy('admin')).toHaveLength(7);
		expect(typesReadableBy('manager')).toHaveLength(7);
	});

	it('what a role could do somewhere', () => {
		expect(roleCan('fireOfficer', 'create', 'referral')).toBe(true);
		expect(roleCan('fireOfficer', 'archive', 'referral')).toBe(false);
		expect(roleCan('coach', 'create', 'asset')).toBe(false);
	});
});

describe('why it is refused', () => {
	it('is null when allowed', () => {
		expect(refusal(person('coach'), 'read', facts('referral', 'home'))).toBeNull();
	});

	it('names the role when it never may', () => {
		expect(refusal(person('coach'), 'read', facts('visit', 'home'))).toBe(
			'Your role cannot see safe and well visits.'
		);
	});

	it('names the areas and links that would allow it, and where the record is', () => {
		expect(refusal(person('coach'), 'update', facts('referral', 'away'))).toBe(
			'You can only change coach referrals in your areas (Eden) or assigned to you. This one is in Copeland.'
		);
		expect(refusal(person('fireOfficer'), 'update', facts('referral', 'home'))).toBe(
			'You can only change coach referrals that you raised. This one is in Eden.'
		);
		expect(refusal(person('fireOfficer'), 'archive', facts('referral', 'raised'))).toBe(
			'Your role cannot archive coach referrals.'
		);
	});

	it('says why a role never may, without a record (a list of a type it cannot read)', () => {
		expect(roleRefusal('areaTeam', 'read', 'referral')).toBe('Your role cannot see coach referrals.');
		expect(roleRefusal('fireOfficer', 'read', 'referral')).toBeNull();
		expect(roleRefusal('admin', 'archive', 'visit')).toBeNull();
	});
});

describe('the reach as a filter', () => {
	/** What a database query built from the filter would answer. */
	const passes = (filter: ReachFilter | null, record: RecordFacts) =>
		filter !== null &&
		(filter.anywhere ||
			filter.areaIds.includes(record.areaId) ||
			(filter.assignedTo !== null && record.assignedTo === filter.assignedTo) ||
			(filter.createdBy !== null && record.createdBy === filter.createdBy));

	it('lets through exactly the records the rules allow, for every role, type and action', () => {
		const places: Omit<RecordFacts, 'type'>[] = [
			{ areaId: 'eden' },
			{ areaId: 'copeland' },
			{ areaId: 'copeland', assignedTo: ME },
			{ areaId: 'copeland', createdBy: ME },
			{ areaId: 'copeland', assignedTo: OTHER, createdBy: OTHER }
		];
		let allowed = 0;
		for (const role of staffRoleSchema.options)
			for (const type of RECORD_TYPES)
				for (const action of ACCESS_ACTIONS)
					for (const place of places) {
						const record = { type, ...place };
						const who = person(role);
						expect(passes(reachFilter(who, action, type), record), `${role} ${action} ${type}`).toBe(
							may(who, action, record)
						);
						if (may(who, action, record)) allowed++;
					}
		expect(allowed).toBeGreaterThan(0);
	});
});
