import { z } from 'zod';
import {
	addressSchema,
	isoDateSchema,
	isoDateTimeSchema,
	locationSchema,
	optionalText,
	phoneSchema,
	requiredText
} from '../common/fields';
import {
	ADVICE,
	AGE_BANDS,
	ALCOHOL,
	CARE_RECEIVED,
	COGNITION,
	CONSENT_METHODS,
	COOKING,
	HEARING,
	HEATING,
	MOBILITY,
	ONWARD_REFERRALS,
	OUTCOMES,
	SPECIALIST_ALARMS,
	VISIT_SOURCES,
	VISIT_STATUSES
} from './codes';
import { VISIT_MESSAGES } from './messages';
import { visitProblems } from './rules';

/**
 * The data of a Safe and Well visit (the record envelope — id, area, timestamps — lives elsewhere).
 * Field shapes are here; rules that compare fields are in `rules.ts`. No risk score is stored: it is
 * always derived by `assessRisk`, so nobody can type one in or let it go stale.
 */

const CIR_MESSAGE = VISIT_MESSAGES.clutterRating;

const choice = <const T extends readonly [string, ...string[]]>(options: T, error: string) =>
	z.enum(options, { error });

const yesNo = (question: string) => z.boolean({ error: `Say whether ${question}` });

/** Options ticked in a list, each at most once. */
const ticked = <const T extends readonly [string, ...string[]]>(options: T, unknown: string, twice: string) =>
	z
		.array(choice(options, unknown))
		.refine((codes) => new Set(codes).size === codes.length, twice)
		.default([]);

const alarmCount = z
	.number({ error: 'Enter the number of alarms' })
	.int('Enter a whole number of alarms')
	.min(0, 'The number of alarms cannot be negative');

/** Counts for one kind of alarm. `present` is after the visit, so it includes any fitted today. */
export const alarmCountsSchema = z.object({
	present: alarmCount,
	working: alarmCount,
	fittedToday: alarmCount.default(0)
});

const clutterRating = z
	.number({ error: CIR_MESSAGE })
	.int(CIR_MESSAGE)
	.min(1, CIR_MESSAGE)
	.max(9, CIR_MESSAGE);

export const consentSchema = z.object({
	toVisit: yesNo('they agreed to the visit'),
	toRecordHealth: yesNo('they agreed to health details being recorded'),
	toShare: yesNo('they agreed to details being shared with other services'),
	method: choice(CONSENT_METHODS, 'Choose how consent was given'),
	recordedAt: isoDateTimeSchema,
	recordedBy: requiredText('who recorded consent', 120)
});
export type Consent = z.infer<typeof consentSchema>;

export const smokingSchema = z.object({
	smokes: yesNo('they smoke'),
	inBed: yesNo('they smoke in bed').default(false),
	airflowMattress: yesNo('they sleep on an airflow (pressure-relief) mattress').default(false),
	emollients: yesNo('they use emollient (paraffin-based) skin creams').default(false)
});

export const occupantSchema = z.object({
	name: requiredText('the person’s name', 120),
	ageBand: choice(AGE_BANDS, 'Choose an age band').optional(),
	dateOfBirth: isoDateSchema.optional(),
	livesAlone: yesNo('they live alone'),
	phone: phoneSchema.optional(),
	// Health details from here on: listed in HEALTH_FIELDS (health.ts).
	hearing: choice(HEARING, 'Choose how well they hear').optional(),
	mobility: choice(MOBILITY, 'Choose how well they get about').optional(),
	cognition: choice(COGNITION, 'Choose any concerns about memory').optional(),
	smoking: smokingSchema.optional(),
	alcohol: choice(ALCOHOL, 'Choose how much they drink').optional(),
	homeOxygen: yesNo('they use oxygen at home').optional(),
	careReceived: choice(CARE_RECEIVED, 'Choose what care they receive').optional()
});
export type Occupant = z.infer<typeof occupantSchema>;

export const homeSchema = z.object({
	smokeAlarms: alarmCountsSchema.optional(),
	heatAlarms: alarmCountsSchema.optional(),
	coAlarms: alarmCountsSchema.optional(),
	specialistAlarms: ticked(
		SPECIALIST_ALARMS,
		'Choose specialist alarms from the list',
		'Choose each specialist alarm once'
	),
	heating: choice(HEATING, 'Choose the main heating').optional(),
	cooking: choice(COOKING, 'Choose how meals are made').optional(),
	electricsConcern: yesNo('there is a concern about the electrics').optional(),
	candles: yesNo('candles or naked flames are used').optional(),
	clutter: z
		.object({
			livingRoom: clutterRating.optional(),
			kitchen: clutterRating.optional(),
			bedroom: clutterRating.optional()
		})
		.default({}),
	arsonRisk: yesNo('there is a risk of arson').optional()
});
export type Home = z.infer<typeof homeSchema>;

export const onwardReferralSchema = z.object({
	to: choice(ONWARD_REFERRALS, 'Choose who the referral is to'),
	reason: requiredText('why the referral is needed', 1000),
	consentToShare: yesNo('they agreed to this referral').optional(),
	safeguardingOverride: z
		.object({ reason: requiredText('the safeguarding reason for sharing', 1000) })
		.optional(),
	/** The coach referral this became, when it was raised from the visit. */
	referralId: z.uuid({ error: 'Choose the coach referral this links to' }).optional()
});
export type OnwardReferral = z.infer<typeof onwardReferralSchema>;

export const visitFieldsSchema = z.object({
	status: choice(VISIT_STATUSES, 'Choose the visit’s status'),
	address: addressSchema,
	location: locationSchema.optional(),
	scheduledFor: isoDateTimeSchema.optional(),
	assignedTo: z.uuid({ error: 'Choose a member of staff' }).optional(),
	source: choice(VISIT_SOURCES, 'Choose who asked for the visit'),
	consent: consentSchema.optional(),
	occupants: z
		.array(occupantSchema, { error: 'Add the person the visit is for' })
		.min(1, 'Add the person the visit is for'),
	home: homeSchema.optional(),
	adviceGiven: ticked(ADVICE, 'Choose advice from the list', 'Choose each piece of advice once'),
	onwardReferrals: z.array(onwardReferralSchema).default([]),
	outcome: choice(OUTCOMES, 'Choose the outcome of the visit').optional(),
	notes: optionalText('notes', 4000)
});
export type VisitFields = z.infer<typeof visitFieldsSchema>;

export const visitSchema = visitFieldsSchema.superRefine((visit, ctx) => {
	for (const { path, message } of visitProblems(visit)) ctx.addIssue({ code: 'custom', path, message });
});
/** A visit as stored and used: postcodes and phones normalised, lists defaulted to empty. */
export type Visit = z.output<typeof visitSchema>;
/** A visit as a form or the sync layer hands it in, before normalising. */
export type VisitInput = z.input<typeof visitSchema>;
