import { cleanFormValues } from '$lib/client/form-values';
import type { FieldError } from '$lib/domain/common/errors';
import { fieldErrors } from '$lib/domain/common/errors';
import {
	linkCoachReferral,
	visitSchema,
	type CoachReason,
	type CoachReferralPrefill,
	type Visit
} from '$lib/domain/visit';
import { fromYesNo, type YesNo } from './values';

/** The coach referral form raised from a visit: the prefill, plus what the visit did not ask. */
export interface ReferValues {
	/** Which person in the home, by place in the list ("0"). */
	occupant: string | undefined;
	/** The person the prefill was last applied for, so a restored draft is not overwritten. */
	prefilledFor: string | undefined;
	dateOfBirth: string;
	phone: string;
	reasons: CoachReason[];
	otherReason: string;
	consentToContact: YesNo | undefined;
	consentToShare: YesNo | undefined;
	whatMatters: string;
}

export const blankRefer = (occupant: string | undefined): ReferValues => ({
	occupant,
	prefilledFor: undefined,
	dateOfBirth: '',
	phone: '',
	reasons: [],
	otherReason: '',
	consentToContact: undefined,
	consentToShare: undefined,
	whatMatters: ''
});

export function isReferValues(value: unknown): value is ReferValues {
	return !!value && typeof value === 'object' && Array.isArray((value as Partial<ReferValues>).reasons);
}

/** The referral as the referral schema takes it: received today, from this visit, linked to it. */
export function referralInput(
	values: ReferValues,
	prefill: CoachReferralPrefill,
	context: { today: string; now: string; referrerName: string | undefined }
): Record<string, unknown> {
	const consentToContact = fromYesNo(values.consentToContact);
	const consentToShare = fromYesNo(values.consentToShare);
	const input = cleanFormValues({
		status: 'received',
		person: {
			name: prefill.person.name,
			address: prefill.person.address,
			dateOfBirth: values.dateOfBirth,
			phone: values.phone
		},
		source: prefill.source,
		visitId: prefill.visitId,
		reasons: values.reasons,
		otherReason: values.reasons.includes('other') ? values.otherReason : undefined,
		consentToContact,
		consentToShare,
		// Consent was taken at the visit when it was recorded there; otherwise it is being taken now.
		consentRecordedAt:
			consentToContact || consentToShare ? (prefill.consentRecordedAt ?? context.now) : undefined,
		whatMatters: values.whatMatters,
		referrerName: context.referrerName,
		receivedOn: context.today
	});
	return (input ?? {}) as Record<string, unknown>;
}

// Any well-formed id does for checking the visit's side of the link before the referral exists.
const NOT_YET_RAISED = '00000000-0000-4000-8000-000000000000';

/**
 * The visit's side of the link, checked before anything is saved so that the one action cannot
 * half-succeed: a coach referral from a visit needs their agreement to share (or a safeguarding
 * reason), which the visit's own rules say in their words.
 */
export function visitLinkErrors(visit: Visit, prefill: CoachReferralPrefill): FieldError[] {
	const parsed = visitSchema.safeParse(linkCoachReferral(visit, NOT_YET_RAISED, prefill));
	if (parsed.success) return [];
	return fieldErrors(parsed.error).map((e) => ({
		path: /^onwardReferrals\.\d+\.consentToShare$/.test(e.path) ? 'consentToShare' : '',
		message: e.message
	}));
}
