/**
 * The codes a Safe and Well visit records, each with the words staff and residents use. Codes are
 * stored; labels are shown. Order is the order forms list them in.
 */

export const VISIT_STATUSES = [
	'requested',
	'scheduled',
	'inProgress',
	'completed',
	'closed',
	'noAccess',
	'declined'
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS = {
	requested: 'Requested',
	scheduled: 'Scheduled',
	inProgress: 'In progress',
	completed: 'Completed',
	closed: 'Closed',
	noAccess: 'No access',
	declined: 'Declined'
} as const satisfies Record<VisitStatus, string>;

export const VISIT_SOURCES = [
	'self',
	'family',
	'gp',
	'adultSocialCare',
	'partnerAgency',
	'fireService',
	'other'
] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];
export const VISIT_SOURCE_LABELS = {
	self: 'The person themselves',
	family: 'Family member or friend',
	gp: 'GP or health service',
	adultSocialCare: 'Adult social care',
	partnerAgency: 'Partner agency (housing, charity, police)',
	fireService: 'Fire service crew or incident',
	other: 'Other'
} as const satisfies Record<VisitSource, string>;

export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS = {
	verbal: 'Said yes out loud',
	written: 'Signed a form',
	electronic: 'Agreed on the device or online'
} as const satisfies Record<ConsentMethod, string>;

export const AGE_BANDS = ['18-64', '65-74', '75-84', '85+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS = {
	'18-64': '18 to 64',
	'65-74': '65 to 74',
	'75-84': '75 to 84',
	'85+': '85 or over'
} as const satisfies Record<AgeBand, string>;

export const HEARING = ['none', 'hardOfHearing', 'deaf'] as const;
export type Hearing = (typeof HEARING)[number];
export const HEARING_LABELS = {
	none: 'No difficulty hearing',
	hardOfHearing: 'Hard of hearing',
	deaf: 'Deaf'
} as const satisfies Record<Hearing, string>;

export const MOBILITY = ['none', 'reduced', 'usesAid', 'bedbound'] as const;
export type Mobility = (typeof MOBILITY)[number];
export const MOBILITY_LABELS = {
	none: 'Gets about without difficulty',
	reduced: 'Slower or unsteady on their feet',
	usesAid: 'Uses a stick, frame or wheelchair',
	bedbound: 'Cannot get out of bed or a chair alone'
} as const satisfies Record<Mobility, string>;

export const COGNITION = ['none', 'memoryConcerns', 'dementia'] as const;
export type Cognition = (typeof COGNITION)[number];
export const COGNITION_LABELS = {
	none: 'No concerns about memory',
	memoryConcerns: 'Some concerns about memory or confusion',
	dementia: 'Diagnosed with dementia'
} as const satisfies Record<Cognition, string>;

export const ALCOHOL = ['none', 'moderate', 'heavy'] as const;
export type Alcohol = (typeof ALCOHOL)[number];
export const ALCOHOL_LABELS = {
	none: 'Does not drink',
	moderate: 'Drinks, no concerns',
	heavy: 'Drinks heavily or it affects their safety'
} as const satisfies Record<Alcohol, string>;

export const CARE_RECEIVED = ['none', 'informal', 'careAgency', 'residentialSupport'] as const;
export type CareReceived = (typeof CARE_RECEIVED)[number];
export const CARE_RECEIVED_LABELS = {
	none: 'No care or support',
	informal: 'Family, friends or neighbours help',
	careAgency: 'Carers from an agency or the council',
	residentialSupport: 'Support staff on site (sheltered or supported housing)'
} as const satisfies Record<CareReceived, string>;

export const ALARM_TYPES = ['smokeAlarms', 'heatAlarms', 'coAlarms'] as const;
export type AlarmType = (typeof ALARM_TYPES)[number];
export const ALARM_TYPE_LABELS = {
	smokeAlarms: 'Smoke alarms',
	heatAlarms: 'Heat alarms',
	coAlarms: 'Carbon monoxide alarms'
} as const satisfies Record<AlarmType, string>;

export const SPECIALIST_ALARMS = ['strobe', 'vibratingPad', 'telecareLinked'] as const;
export type SpecialistAlarm = (typeof SPECIALIST_ALARMS)[number];
export const SPECIALIST_ALARM_LABELS = {
	strobe: 'Flashing strobe light',
	vibratingPad: 'Vibrating pad under the pillow',
	telecareLinked: 'Linked to a telecare or lifeline alarm'
} as const satisfies Record<SpecialistAlarm, string>;

export const HEATING = [
	'central',
	'storageHeaters',
	'fixedRoomHeaters',
	'openFireOrStove',
	'portableHeaters',
	'none'
] as const;
export type Heating = (typeof HEATING)[number];
export const HEATING_LABELS = {
	central: 'Central heating',
	storageHeaters: 'Storage heaters',
	fixedRoomHeaters: 'Gas or electric fires fixed to the wall',
	openFireOrStove: 'Open fire or wood or coal stove',
	portableHeaters: 'Portable heaters (electric, gas or paraffin)',
	none: 'No working heating'
} as const satisfies Record<Heating, string>;

/** CHARLIE-P's cooking row, from "no concerns" (1) to "a real fire in the last 12 months" (10). */
export const COOKING = [
	'noConcerns',
	'preparedByOthers',
	'healthMayAffect',
	'concernsRaised',
	'fireInLast12Months'
] as const;
export type Cooking = (typeof COOKING)[number];
export const COOKING_LABELS = {
	noConcerns: 'No concerns about cooking',
	preparedByOthers: 'Meals and drinks are made by someone else',
	healthMayAffect: 'Cooks for themselves; their health may affect kitchen safety',
	concernsRaised: 'Cooks for themselves; they or others are worried about it',
	fireInLast12Months: 'Has had a fire at home in the last 12 months'
} as const satisfies Record<Cooking, string>;

export const CLUTTER_ROOMS = ['livingRoom', 'kitchen', 'bedroom'] as const;
export type ClutterRoom = (typeof CLUTTER_ROOMS)[number];
export const CLUTTER_ROOM_LABELS = {
	livingRoom: 'Living room',
	kitchen: 'Kitchen',
	bedroom: 'Bedroom'
} as const satisfies Record<ClutterRoom, string>;

/** What the nine Clutter Image Rating photos show, in plain words. */
export const CLUTTER_RATING_LABELS: Readonly<Record<number, string>> = {
	1: '1 – clear',
	2: '2 – clear, lived in',
	3: '3 – some clutter',
	4: '4 – cluttered, help is needed',
	5: '5 – cluttered, fire risk rising',
	6: '6 – hard to move around',
	7: '7 – very hard to move around',
	8: '8 – severe',
	9: '9 – extreme'
};

export const ADVICE = [
	'escapePlan',
	'bedtimeRoutine',
	'cooking',
	'electrics',
	'smoking',
	'candles',
	'heating',
	'alarmTesting',
	'other'
] as const;
export type Advice = (typeof ADVICE)[number];
export const ADVICE_LABELS = {
	escapePlan: 'Planning how to get out in a fire',
	bedtimeRoutine: 'Bedtime checks (doors closed, appliances off)',
	cooking: 'Cooking safely',
	electrics: 'Electrics, chargers and overloaded sockets',
	smoking: 'Smoking safely',
	candles: 'Candles and naked flames',
	heating: 'Heaters and keeping warm safely',
	alarmTesting: 'Testing alarms every month',
	other: 'Other advice (see notes)'
} as const satisfies Record<Advice, string>;

export const ONWARD_REFERRALS = [
	'fallsTeam',
	'wellbeingCoach',
	'smokingCessation',
	'alcohol',
	'dementia',
	'affordableWarmth',
	'socialIsolation',
	'hoarding',
	'adultSocialCare',
	'safeguarding',
	'gp',
	'benefits',
	'crimePrevention'
] as const;
export type OnwardReferralTo = (typeof ONWARD_REFERRALS)[number];
export const ONWARD_REFERRAL_LABELS = {
	fallsTeam: 'Falls team',
	wellbeingCoach: 'Health and Wellbeing Coach',
	smokingCessation: 'Stop smoking service',
	alcohol: 'Alcohol support',
	dementia: 'Dementia support',
	affordableWarmth: 'Affordable warmth (heating and insulation help)',
	socialIsolation: 'Loneliness and befriending',
	hoarding: 'Hoarding support',
	adultSocialCare: 'Adult social care',
	safeguarding: 'Safeguarding',
	gp: 'GP',
	benefits: 'Benefits and money advice',
	crimePrevention: 'Crime prevention'
} as const satisfies Record<OnwardReferralTo, string>;

export const OUTCOMES = ['completed', 'partial', 'refused', 'noAccess', 'rebook'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS = {
	completed: 'Completed',
	partial: 'Partly completed',
	refused: 'Refused',
	noAccess: 'No access',
	rebook: 'Needs another appointment'
} as const satisfies Record<Outcome, string>;

// The coach referral's reasons and their words, so a suggestion can prefill a referral directly.
export {
	REASONS as COACH_REASONS,
	REASON_LABELS as COACH_REASON_LABELS,
	type ReferralReason as CoachReason
} from '../referral/codes';
