/**
 * Every code a referral stores, with its label in the words coaches and referrers use. Codes are
 * stable identifiers (stored, synced, exported); labels may be reworded freely.
 */

export const REFERRAL_STATUSES = [
	'received',
	'triaged',
	'contacting',
	'firstAppointment',
	'inProgress',
	'closed'
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

// Worded to read well in the lifecycle's sentences: "A record that is being contacted cannot …".
export const STATUS_LABELS: Record<ReferralStatus, string> = {
	received: 'Received',
	triaged: 'Triaged',
	contacting: 'Being contacted',
	firstAppointment: 'Awaiting first appointment',
	inProgress: 'In progress',
	closed: 'Closed'
};

export const OPEN_STATUSES = REFERRAL_STATUSES.filter(
	(status): status is Exclude<ReferralStatus, 'closed'> => status !== 'closed'
);

export const SOURCES = [
	'self',
	'gp',
	'safeAndWellVisit',
	'adultSocialCare',
	'housing',
	'voluntarySector',
	'other'
] as const;
export type ReferralSource = (typeof SOURCES)[number];

export const SOURCE_LABELS: Record<ReferralSource, string> = {
	self: 'Self-referral',
	gp: 'GP practice',
	safeAndWellVisit: 'Safe and Well visit',
	adultSocialCare: 'Adult social care',
	housing: 'Housing',
	voluntarySector: 'Voluntary or community group',
	other: 'Somewhere else'
};

export const REASONS = [
	'mentalWellbeing',
	'hoarding',
	'isolation',
	'healthyEating',
	'smoking',
	'alcohol',
	'physicalActivity',
	'money',
	'housing',
	'other'
] as const;
export type ReferralReason = (typeof REASONS)[number];

export const REASON_LABELS: Record<ReferralReason, string> = {
	mentalWellbeing: 'Low mood, stress or worry',
	hoarding: 'Hoarding or clutter',
	isolation: 'Loneliness or isolation',
	healthyEating: 'Healthy eating or weight',
	smoking: 'Stopping smoking',
	alcohol: 'Drinking less alcohol',
	physicalActivity: 'Getting more active',
	money: 'Money worries',
	housing: 'Housing',
	other: 'Something else'
};

export const CHANNELS = ['phone', 'text', 'email', 'letter', 'homeVisit'] as const;
export type ContactChannel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
	phone: 'Phone call',
	text: 'Text message',
	email: 'Email',
	letter: 'Letter',
	homeVisit: 'Home visit'
};

export const OUTCOMES = ['reached', 'noAnswer', 'leftMessage', 'wrongNumber', 'declined'] as const;
export type ContactOutcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<ContactOutcome, string> = {
	reached: 'Spoke to them',
	noAnswer: 'No answer',
	leftMessage: 'Left a message',
	wrongNumber: 'Wrong number or address',
	declined: 'Spoke to them: they do not want help'
};

export const CLOSURE_REASONS = [
	'goalsMet',
	'referredOn',
	'declined',
	'unableToContact',
	'inappropriate',
	'movedAway',
	'died'
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
	goalsMet: 'Goals met',
	referredOn: 'Referred on to another service',
	declined: 'Declined support',
	unableToContact: 'Unable to contact after 3 attempts',
	inappropriate: 'Not the right service for them',
	movedAway: 'Moved out of the area',
	died: 'Died'
};

export const APPOINTMENT_KINDS = ['first', 'followUp'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
	first: 'First appointment',
	followUp: 'Follow-up appointment'
};

/** The four ONS personal wellbeing questions, as the Annual Population Survey asks them. */
export const ONS4_MEASURES = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;
export type Ons4Measure = (typeof ONS4_MEASURES)[number];

export const ONS4_LABELS: Record<Ons4Measure, { label: string; question: string; scale: string }> = {
	lifeSatisfaction: {
		label: 'Life satisfaction',
		question: 'Overall, how satisfied are you with your life nowadays?',
		scale: '0 is not at all satisfied, 10 is completely satisfied'
	},
	worthwhile: {
		label: 'Worthwhile',
		question: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
		scale: '0 is not at all worthwhile, 10 is completely worthwhile'
	},
	happiness: {
		label: 'Happiness',
		question: 'Overall, how happy did you feel yesterday?',
		scale: '0 is not at all happy, 10 is completely happy'
	},
	anxiety: {
		label: 'Anxiety',
		question: 'Overall, how anxious did you feel yesterday?',
		scale: '0 is not at all anxious, 10 is completely anxious (lower is better)'
	}
};
