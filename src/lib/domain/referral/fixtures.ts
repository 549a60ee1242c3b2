import type { Closure, ContactAttempt, Referral } from './schema';
import type { ContactChannel, ContactOutcome } from './codes';

/**
 * Test and story data: fictional people at Kendal addresses, the Ofcom drama phone range and an NHS
 * number from the 999 range, which is never issued to patients. Every value is already in stored
 * form (E.164 phone, 10-digit NHS number), so `referralSchema.parse(x)` returns `x` unchanged.
 */

export const FIXTURE_IDS = {
	coach: '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
	otherCoach: '0b7d9c4e-2f1a-4c3b-9d8e-7f6a5b4c3d2e',
	visit: 'c4a8e2f0-1b3d-4f5a-8c7e-9d0b1a2c3e4f',
	walkingGroup: '9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5'
} as const;

/** A phone attempt at `at`; enough for most tests. */
export function attempt(
	outcome: ContactOutcome,
	at: string,
	channel: ContactChannel = 'phone'
): ContactAttempt {
	return { at, channel, outcome };
}

/** A valid in-progress referral: seen once, support offered, baseline wellbeing scores recorded. */
export function exampleReferral(overrides: Partial<Referral> = {}): Referral {
	const base: Referral = {
		status: 'inProgress',
		person: {
			name: 'Dorothy Airey',
			dateOfBirth: '1947-03-12',
			address: { line1: '14 Stramongate', town: 'Kendal', postcode: 'LA9 4BH' },
			phone: '+447700900412',
			nhsNumber: '9990000018'
		},
		source: 'gp',
		referrerName: 'Dr Helen Birkett',
		reasons: ['isolation', 'physicalActivity'],
		consentToContact: true,
		consentToShare: true,
		consentRecordedAt: '2026-08-28T11:20:00+01:00',
		whatMatters: 'Getting back to the walking group she used to lead, and seeing her granddaughter more.',
		receivedOn: '2026-09-01',
		assignedCoach: FIXTURE_IDS.coach,
		contactAttempts: [
			attempt('noAnswer', '2026-09-03T10:05:00+01:00'),
			{ ...attempt('reached', '2026-09-04T14:30:00+01:00'), note: 'Happy to meet at home next week.' }
		],
		appointments: [{ at: '2026-09-10T10:00:00+01:00', kind: 'first', attended: true }],
		supportOffered: [
			{
				assetId: FIXTURE_IDS.walkingGroup,
				description: 'Kendal Wednesday health walk',
				offeredOn: '2026-09-10',
				takenUp: true
			}
		],
		ons4: {
			baseline: { recordedOn: '2026-09-10', lifeSatisfaction: 4, worthwhile: 5, happiness: 3, anxiety: 7 }
		}
	};
	return { ...structuredClone(base), ...overrides };
}

/** Just arrived: no coach, no contact, nothing recorded beyond the referral itself. */
export function receivedReferral(overrides: Partial<Referral> = {}): Referral {
	const { assignedCoach: _c, appointments: _a, whatMatters: _w, ...rest } = exampleReferral();
	return { ...rest, status: 'received', contactAttempts: [], supportOffered: [], ons4: {}, ...overrides };
}

export function triagedReferral(overrides: Partial<Referral> = {}): Referral {
	return receivedReferral({ status: 'triaged', assignedCoach: FIXTURE_IDS.coach, ...overrides });
}

/** Being contacted, with one attempt a day from 3 September for each outcome given. */
export function contactingReferral(
	outcomes: ContactOutcome[] = [],
	overrides: Partial<Referral> = {}
): Referral {
	const contactAttempts = outcomes.map((outcome, i) =>
		attempt(outcome, `2026-09-${String(3 + i).padStart(2, '0')}T10:00:00+01:00`)
	);
	return triagedReferral({ status: 'contacting', contactAttempts, ...overrides });
}

/** Spoken to, first appointment booked for 10 September at 10:00 (not yet held). */
export function firstAppointmentReferral(overrides: Partial<Referral> = {}): Referral {
	return contactingReferral(['noAnswer', 'reached'], {
		status: 'firstAppointment',
		appointments: [{ at: '2026-09-10T10:00:00+01:00', kind: 'first' }],
		...overrides
	});
}

export function closedReferral(closure: Partial<Closure> = {}, overrides: Partial<Referral> = {}): Referral {
	return exampleReferral({
		status: 'closed',
		closure: { reason: 'goalsMet', closedOn: '2026-12-01', ...closure },
		...overrides
	});
}

/** Referred by a firefighter after a Safe and Well visit, linked to that visit. */
export function safeAndWellReferral(overrides: Partial<Referral> = {}): Referral {
	return receivedReferral({
		source: 'safeAndWellVisit',
		visitId: FIXTURE_IDS.visit,
		referrerName: 'Watch Manager Tom Routledge',
		reasons: ['hoarding', 'isolation'],
		...overrides
	});
}
