import { z } from 'zod';
import {
	addressSchema,
	emailSchema,
	isoDateSchema,
	isoDateTimeSchema,
	optionalText,
	phoneSchema,
	requiredText
} from '../common';
import {
	APPOINTMENT_KINDS,
	CHANNELS,
	CLOSURE_REASONS,
	OUTCOMES,
	REASONS,
	REFERRAL_STATUSES,
	SOURCES
} from './codes';
import { isIsoDate } from '../common/dates';
import { nhsNumberSchema } from './nhs-number';
import { MESSAGES, issuesAsOf, referralIssues, type RuleIssue } from './rules';

/**
 * A Health and Wellbeing Coach referral's data (the record envelope — id, area, timestamps — is kept
 * apart). Fields follow the PRSB Social Prescribing standard: who the person is, why they were
 * referred, what matters to them, support offered, outcomes (ONS4).
 *
 * Two schemas: `referralSchema` checks only what stays true whatever the date, so a stored or synced
 * record never turns invalid as time passes; `referralSchemaAsOf(today)` adds "not in the future"
 * for forms. Both are pure: the caller says what today is.
 */

const score = z
	.number({ error: MESSAGES.score })
	.int(MESSAGES.score)
	.min(0, MESSAGES.score)
	.max(10, MESSAGES.score);

export const ons4ScoresSchema = z.object({
	recordedOn: isoDateSchema,
	lifeSatisfaction: score,
	worthwhile: score,
	happiness: score,
	anxiety: score
});

export const personSchema = z.object({
	name: requiredText('the person’s name', 120),
	dateOfBirth: isoDateSchema,
	address: addressSchema,
	phone: phoneSchema.optional(),
	email: emailSchema.optional(),
	nhsNumber: nhsNumberSchema.optional()
});

export const contactAttemptSchema = z.object({
	at: isoDateTimeSchema,
	channel: z.enum(CHANNELS, { error: 'Choose how you tried to contact them' }),
	outcome: z.enum(OUTCOMES, { error: 'Choose what happened' }),
	note: optionalText('the note', 1000)
});

export const appointmentSchema = z.object({
	at: isoDateTimeSchema,
	kind: z.enum(APPOINTMENT_KINDS, { error: 'Choose whether this is the first appointment' }),
	// Unset until the day has passed and the coach says whether it went ahead.
	attended: z.boolean().optional()
});

export const supportOfferedSchema = z.object({
	// A community asset from the directory, when the support is one; otherwise the description says it.
	assetId: z.uuid({ error: 'Choose a community asset from the directory' }).optional(),
	description: requiredText('the support offered', 500),
	offeredOn: isoDateSchema,
	takenUp: z.boolean().optional()
});

export const closureSchema = z.object({
	reason: z.enum(CLOSURE_REASONS, { error: MESSAGES.closeNeedsReason }),
	closedOn: isoDateSchema,
	referredTo: optionalText('the service they were referred to', 200),
	notes: optionalText('the closing notes', 2000)
});

const referralFields = z.object({
	status: z.enum(REFERRAL_STATUSES, { error: 'Choose a status' }),
	person: personSchema,
	source: z.enum(SOURCES, { error: 'Choose where the referral came from' }),
	visitId: z.uuid({ error: 'Choose the Safe and Well visit' }).optional(),
	sourceDetails: optionalText('where the referral came from', 200),
	referrerName: optionalText('the referrer’s name', 120),
	reasons: z
		.array(z.enum(REASONS, { error: 'Choose a reason from the list' }), { error: MESSAGES.reasonsRequired })
		.min(1, MESSAGES.reasonsRequired),
	otherReason: optionalText('the other reason', 500),
	consentToContact: z.boolean({ error: 'Say whether the person agreed to be contacted' }),
	consentToShare: z.boolean({ error: 'Say whether the person agreed to their information being shared' }),
	consentRecordedAt: isoDateTimeSchema.optional(),
	whatMatters: optionalText('what matters to the person', 2000),
	receivedOn: isoDateSchema,
	assignedCoach: z.uuid({ error: 'Choose a coach from the list' }).optional(),
	// Lists default to empty so a new referral (and today's demo data) need not spell them out.
	contactAttempts: z.array(contactAttemptSchema).default([]),
	appointments: z.array(appointmentSchema).optional(),
	supportOffered: z.array(supportOfferedSchema).default([]),
	ons4: z
		.object({ baseline: ons4ScoresSchema.optional(), followUp: ons4ScoresSchema.optional() })
		.default({}),
	closure: closureSchema.optional()
});

function report(ctx: z.RefinementCtx, issues: RuleIssue[]): void {
	const seen = new Set<string>();
	for (const { path, message } of issues) {
		const key = `${path.join('.')}|${message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		ctx.addIssue({ code: 'custom', path, message });
	}
}

export const referralSchema = referralFields.superRefine((referral, ctx) =>
	report(ctx, referralIssues(referral))
);

/** `referralSchema` plus the dates that cannot be later than `today` (`YYYY-MM-DD`, UK time). */
export function referralSchemaAsOf(today: string) {
	if (!isIsoDate(today)) throw new Error(`today must be a YYYY-MM-DD date, not ${today}`);
	return referralFields.superRefine((referral, ctx) =>
		report(ctx, [...referralIssues(referral), ...issuesAsOf(referral, today)])
	);
}

export type Referral = z.output<typeof referralSchema>;
/** What a form or the demo generator may hand in: lists and ONS4 may be left out. */
export type ReferralInput = z.input<typeof referralSchema>;
export type Person = Referral['person'];
export type ContactAttempt = z.output<typeof contactAttemptSchema>;
export type Appointment = z.output<typeof appointmentSchema>;
export type SupportOffered = z.output<typeof supportOfferedSchema>;
export type Ons4Scores = z.output<typeof ons4ScoresSchema>;
export type Closure = z.output<typeof closureSchema>;
