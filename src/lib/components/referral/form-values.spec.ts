import { describe, expect, it } from 'vitest';
import { fieldErrors } from '$lib/domain/common/errors';
import { referralSchema, referralSchemaAsOf } from '$lib/domain/referral';
import { exampleReferral, FIXTURE_IDS, safeAndWellReferral } from '$lib/domain/referral/fixtures';
import { blankValues, forSummary, fromDraft, toFormValues, toReferralInput } from './form-values';

const check = (input: unknown) => referralSchemaAsOf('2026-12-01').safeParse(input);

describe('the referral form’s values', () => {
	it('round-trips a stored referral, keeping what the form does not show', () => {
		const stored = exampleReferral();
		const values = toFormValues(stored, 'south-lakeland');
		expect(values.person.phone).toBe('07700 900412');
		expect(values.person.nhsNumber).toBe('999 000 0018');
		expect(values.consentToContact).toBe('yes');
		const parsed = check(toReferralInput(values, stored));
		expect(parsed.success && parsed.data).toEqual(referralSchema.parse(stored));
	});

	it('keeps a stored consent time exactly as it was when its minute is unchanged', () => {
		const stored = exampleReferral({ consentRecordedAt: '2026-08-28T10:20:31.000Z' });
		const values = toFormValues(stored, 'south-lakeland');
		expect(values.consentRecordedAt).toBe('2026-08-28T11:20');
		const input = toReferralInput(values, stored) as Record<string, unknown>;
		expect(input.consentRecordedAt).toBe('2026-08-28T10:20:31.000Z');
		values.consentRecordedAt = '2026-08-28T11:25';
		const changed = toReferralInput(values, stored) as Record<string, unknown>;
		expect(changed.consentRecordedAt).toBe('2026-08-28T11:25:00+01:00');
	});

	it('reports each missing answer at its own field, not once for the whole person', () => {
		const parsed = check(toReferralInput(blankValues('2026-12-01')));
		const paths = parsed.success ? [] : fieldErrors(parsed.error).map((e) => e.path);
		expect(paths).toEqual(
			expect.arrayContaining([
				'person.name',
				'person.dateOfBirth',
				'person.address.line1',
				'person.address.town',
				'person.address.postcode',
				'source',
				'reasons',
				'consentToContact',
				'consentToShare'
			])
		);
	});

	it('treats an unanswered consent question as unanswered, never as no', () => {
		const values = toFormValues(exampleReferral(), 'south-lakeland');
		values.consentToContact = undefined;
		const parsed = check(toReferralInput(values, exampleReferral()));
		expect(parsed.success).toBe(false);
		expect(parsed.success ? [] : fieldErrors(parsed.error).map((e) => e.path)).toContain('consentToContact');
	});

	it('drops answers that belonged to an earlier choice', () => {
		const stored = safeAndWellReferral();
		const values = toFormValues(stored, 'south-lakeland');
		expect(values.visitId).toBe(FIXTURE_IDS.visit);
		values.source = 'gp';
		values.consentToContact = 'no';
		values.consentToShare = 'no';
		const input = toReferralInput(values, stored) as Record<string, unknown>;
		expect(input.visitId).toBeUndefined();
		expect(input.consentRecordedAt).toBeUndefined();
		expect(check(input).success).toBe(true);
	});

	it('lists problems in page order and names each blank date', () => {
		const sorted = forSummary([
			{ path: 'reasons', message: 'Choose at least one reason for the referral' },
			{ path: 'receivedOn', message: 'Enter a date' },
			{ path: 'person.dateOfBirth', message: 'Enter a date' },
			{ path: 'areaId', message: 'Choose the area the person lives in' }
		]);
		expect(sorted.map((e) => e.message)).toEqual([
			'Choose the area the person lives in',
			'Enter their date of birth',
			'Enter the date the referral was received',
			'Choose at least one reason for the referral'
		]);
	});

	it('opens a draft that lacks questions added since it was kept', () => {
		const restored = fromDraft(blankValues('2026-12-01'), { person: { name: 'Frances Tyson' } });
		expect(restored.person.name).toBe('Frances Tyson');
		expect(restored.person.address.town).toBe('');
		expect(restored.reasons).toEqual([]);
		expect(restored.receivedOn).toBe('2026-12-01');
	});
});
