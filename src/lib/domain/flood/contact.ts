import { z } from 'zod';
import { defineLifecycle, emailSchema, isoDateSchema, phoneSchema, requiredText } from '../common';
import { addMonths, formatLongDate, isIsoDate } from '../common/dates';
import { zoneIdSchema } from './group';

/** Someone on a flood group's call tree. A separate record from the group, linked by `groupId`. */

export const CONTACT_ROLES = ['coordinator', 'deputy', 'warden', 'resident', 'refuge', 'keyholder'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
	coordinator: 'Coordinator',
	deputy: 'Deputy coordinator',
	warden: 'Flood warden',
	resident: 'Resident',
	refuge: 'Refuge contact',
	keyholder: 'Keyholder'
};

export const CHANNELS = ['call', 'text', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
	call: 'Phone call',
	text: 'Text message',
	email: 'Email'
};

export const CONTACT_STATUSES = ['invited', 'consented', 'active', 'reviewDue', 'withdrawn'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CONSENT_METHODS = ['written', 'verbal', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Consent is recorded (groups expect signed permission) even though it is not the lawful basis. */
export const contactConsentSchema = z.object({
	givenOn: isoDateSchema,
	method: z.enum(CONSENT_METHODS, { error: 'Choose how they gave consent: written, verbal or electronic' }),
	recordedBy: requiredText('who recorded their consent', 120)
});
export type ContactConsent = z.infer<typeof contactConsentSchema>;

/** From consenting onwards a contact is on the call tree, so their consent must be on file. */
const NEEDS_CONSENT: readonly ContactStatus[] = ['consented', 'active', 'reviewDue'];

/** Roles tied to a street: the cascade reaches them through their zone. */
const ZONE_MESSAGES: Partial<Record<ContactRole, string>> = {
	warden: 'Choose the zone this warden covers',
	resident: 'Choose the zone this resident lives in'
};

export const floodContactSchema = z
	.object({
		groupId: z.uuid({ error: 'Choose the flood group' }),
		name: requiredText('their name', 120),
		role: z.enum(CONTACT_ROLES, {
			error: 'Choose a role: coordinator, deputy, warden, resident, refuge or keyholder'
		}),
		zoneId: zoneIdSchema.optional(),
		cascadeOrder: z
			.number({ error: 'Enter their place in the cascade, like 1' })
			.int('Enter their place in the cascade as a whole number, like 2')
			.min(1, 'The cascade starts at 1'),
		phones: z.array(phoneSchema).default([]),
		email: emailSchema.optional(),
		preferredChannel: z.enum(CHANNELS, {
			error: 'Choose how they prefer to be reached: call, text or email'
		}),
		status: z.enum(CONTACT_STATUSES, {
			error: 'Choose a status: invited, consented, active, review due or withdrawn'
		}),
		consent: contactConsentSchema.optional(),
		lastReviewedOn: isoDateSchema.optional()
	})
	.superRefine((contact, ctx) => {
		const zoneMessage = ZONE_MESSAGES[contact.role];
		if (zoneMessage && !contact.zoneId)
			ctx.addIssue({ code: 'custom', path: ['zoneId'], message: zoneMessage });

		if (contact.phones.length === 0 && contact.preferredChannel !== 'email') {
			ctx.addIssue({
				code: 'custom',
				path: ['phones'],
				message: 'Enter at least one phone number, or choose email as the way to reach them'
			});
		}
		// A text to a landline is read out by a robot voice, if at all: not something to rely on in a flood.
		if (contact.preferredChannel === 'text' && contact.phones.length > 0 && !contact.phones.some(isMobile)) {
			ctx.addIssue({
				code: 'custom',
				path: ['phones'],
				message: 'Enter a mobile number to send texts to, or choose call'
			});
		}
		if (contact.preferredChannel === 'email' && !contact.email) {
			ctx.addIssue({
				code: 'custom',
				path: ['email'],
				message: 'Enter their email address, or choose another way to reach them'
			});
		}
		if (NEEDS_CONSENT.includes(contact.status) && !contact.consent) {
			ctx.addIssue({ code: 'custom', path: ['consent'], message: 'Record their consent first' });
		}
		const givenOn = contact.consent?.givenOn;
		if (isIsoDate(contact.lastReviewedOn) && isIsoDate(givenOn) && contact.lastReviewedOn < givenOn) {
			ctx.addIssue({
				code: 'custom',
				path: ['lastReviewedOn'],
				message: 'A review cannot be dated before they gave consent'
			});
		}
	});
export type FloodContact = z.infer<typeof floodContactSchema>;
export type FloodContactInput = z.input<typeof floodContactSchema>;

/** UK mobiles are 07…; phones are stored in E.164, so +447…. */
export function isMobile(phone: string): boolean {
	return phone.startsWith('+447');
}

export const REVIEW_MONTHS = 12;

/** The day a contact's details fall due for review: 12 months after the later of consent and last review. */
export function reviewDueOn(contact: Pick<FloodContact, 'consent' | 'lastReviewedOn'>): string | null {
	const dates = [contact.consent?.givenOn, contact.lastReviewedOn].filter(isIsoDate).sort();
	const latest = dates[dates.length - 1];
	return latest ? addMonths(latest, REVIEW_MONTHS) : null;
}

/** Whether a contact on the call tree needs their details checked again on `today` (YYYY-MM-DD). */
export function reviewDue(
	contact: Pick<FloodContact, 'status' | 'consent' | 'lastReviewedOn'>,
	today: string
): boolean {
	if (contact.status === 'reviewDue') return true;
	if (contact.status === 'invited' || contact.status === 'withdrawn') return false;
	const due = reviewDueOn(contact);
	return due !== null && due <= today;
}

/**
 * What a status change is judged on: the contact as it will be saved, and today's date, because
 * consent and reviews cannot be dated in the future and a review must be recent.
 */
export interface ContactChange {
	contact: Pick<FloodContact, 'consent' | 'lastReviewedOn'>;
	today: string;
}

type ContactGuard = (change: ContactChange) => string | null;

const consentRecorded: ContactGuard = ({ contact, today }) => {
	if (!contact.consent) return 'Record their consent first';
	if (contact.consent.givenOn > today) return 'Consent cannot be dated in the future';
	return null;
};

const reviewRecorded: ContactGuard = ({ contact, today }) => {
	const reviewed = contact.lastReviewedOn;
	if (!reviewed) return 'Record the date of their review first';
	if (reviewed > today) return 'A review cannot be dated in the future';
	if (addMonths(reviewed, REVIEW_MONTHS) <= today) {
		return `Their last review, on ${formatLongDate(reviewed)}, was more than 12 months ago: record the new review first`;
	}
	return null;
};

// Withdrawing ends their consent: asking again must not ride on the old one.
const earlierConsentCleared: ContactGuard = ({ contact }) =>
	contact.consent ? 'Clear their earlier consent first: they need to give it again' : null;

export const contactLifecycle = defineLifecycle<ContactStatus, ContactChange>({
	labels: {
		invited: 'Invited',
		consented: 'Consented',
		active: 'Active',
		reviewDue: 'Review due',
		withdrawn: 'Withdrawn'
	},
	moves: {
		invited: { consented: [consentRecorded], withdrawn: [] },
		consented: { active: [consentRecorded], withdrawn: [] },
		active: { reviewDue: [], withdrawn: [] },
		reviewDue: { active: [reviewRecorded], withdrawn: [] },
		withdrawn: { invited: [earlierConsentCleared] }
	}
});
