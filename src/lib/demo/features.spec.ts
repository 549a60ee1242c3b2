import { describe, it, expect } from 'vitest';
import { reverificationDue, type Asset } from '../domain/asset';
import { reviewDue, type CallTreeActivation, type FloodContact, type FloodHousehold } from '../domain/flood';
import type { RecordEnvelope, RecordType } from '../domain/records';
import { kindOf } from '../domain/record-kinds';
import { proposeUnableToContact, type Referral } from '../domain/referral';
import { assessRisk, HOARDING_CIR, type Visit } from '../domain/visit';
import { worstClutter } from '../domain/visit/risk-factors';
import { DEFAULT_NOW, generateDemo } from './generate';

/** What the lists and screens should have to show in the default demo (400 records). */

const TODAY = DEFAULT_NOW.slice(0, 10);
const { records } = generateDemo();

function dataOf<T>(type: RecordType): T[] {
	return records.filter((r) => r.type === type).map((r) => r.data as T);
}

const needingAttention = (type: RecordType) =>
	records.filter(
		(r: RecordEnvelope) => r.type === type && kindOf(type).needsAttention(r.data, TODAY).length > 0
	);

describe('generateDemo: what the default dataset shows', () => {
	it('has visits in every risk band that matters: low, medium, and high or above', () => {
		const bands = new Set(dataOf<Visit>('visit').map((v) => assessRisk(v).band));
		expect(bands).toContain('low');
		expect(bands).toContain('medium');
		expect(bands.has('high') || bands.has('veryHigh')).toBe(true);
	});

	it('has homes with a Clutter Image Rating of 5 or more', () => {
		const cluttered = dataOf<Visit>('visit').filter((v) => (worstClutter(v)?.rating ?? 0) >= HOARDING_CIR);
		expect(cluttered.length).toBeGreaterThan(0);
	});

	it('has a referral where the app proposes closing as unable to contact', () => {
		expect(dataOf<Referral>('referral').some(proposeUnableToContact)).toBe(true);
	});

	it('has about one referral in five from a Safe and Well visit, linked to it', () => {
		const referrals = dataOf<Referral>('referral');
		const fromVisits = referrals.filter((r) => r.source === 'safeAndWellVisit' && r.visitId);
		expect(fromVisits.length / referrals.length).toBeGreaterThan(0.1);
		expect(fromVisits.length / referrals.length).toBeLessThan(0.3);
	});

	it('has assets, flood groups, visits and referrals needing attention today', () => {
		for (const type of ['asset', 'floodGroup', 'visit', 'referral'] as const) {
			expect(needingAttention(type).length, type).toBeGreaterThan(0);
		}
		expect(dataOf<Asset>('asset').some((a) => reverificationDue(a, TODAY))).toBe(true);
	});

	it('lists skills under the skill, with the person as holder and no location', () => {
		const skills = dataOf<Asset>('asset').filter((a) => a.kind === 'skill');
		expect(skills.length).toBeGreaterThan(0);
		for (const skill of skills) {
			expect(skill.holderName).toBeTruthy();
			expect(skill.name).not.toContain(skill.holderName ?? '');
			expect(skill.location).toBeUndefined();
		}
	});

	it('has call-tree activations both ended and under way', () => {
		const activations = dataOf<CallTreeActivation>('floodActivation');
		expect(activations.some((a) => a.endedAt)).toBe(true);
		expect(activations.some((a) => !a.endedAt)).toBe(true);
		expect(activations.every((a) => a.log.length > 0)).toBe(true);
	});

	it('has flood contacts due a review, and households with vulnerabilities recorded with consent', () => {
		expect(dataOf<FloodContact>('floodContact').some((c) => reviewDue(c, TODAY))).toBe(true);
		const households = dataOf<FloodHousehold>('floodHousehold');
		expect(households.some((h) => h.vulnerabilities.length > 0 && h.consent)).toBe(true);
	});
});
