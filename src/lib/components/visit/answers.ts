import type { Row } from '$lib/components/records/SummaryList.svelte';
import {
	ADVICE_LABELS,
	AGE_BAND_LABELS,
	ALARM_TYPE_LABELS,
	ALARM_TYPES,
	ALCOHOL_LABELS,
	CARE_RECEIVED_LABELS,
	CLUTTER_RATING_LABELS,
	CLUTTER_ROOM_LABELS,
	CLUTTER_ROOMS,
	COGNITION_LABELS,
	CONSENT_METHOD_LABELS,
	COOKING_LABELS,
	HEARING_LABELS,
	HEATING_LABELS,
	MOBILITY_LABELS,
	ONWARD_REFERRAL_LABELS,
	OUTCOME_LABELS,
	SPECIALIST_ALARM_LABELS
} from '$lib/domain/visit';
import { formatDate, formatDateTime, labelOf, yesNoWords } from './format';
import type { Step } from './steps';
import type { AlarmValues, OccupantValues, RecordValues } from './values';

/**
 * The recorded answers as summary-list sections, one per step, in the words staff use. Built from
 * the form's values, so check your answers shows exactly what was typed, even before it is saved.
 */
export interface AnswerSection {
	step: Step;
	title: string;
	rows: Row[];
}

/** Where each Change link goes; none on a page that only shows the answers. */
export type ChangeHref = (step: Step) => string;

const HEALTH_KEYS = [
	'hearing',
	'mobility',
	'cognition',
	'smokes',
	'airflowMattress',
	'emollients',
	'alcohol',
	'homeOxygen',
	'careReceived'
] as const satisfies readonly (keyof OccupantValues)[];

export const hasHealthAnswers = (o: OccupantValues): boolean => HEALTH_KEYS.some((k) => o[k] !== undefined);

function alarms(a: AlarmValues): string {
	if (!a.present && !a.working && !a.fittedToday) return '';
	return `${a.present || '?'} present, ${a.working || '?'} working, ${a.fittedToday || '0'} fitted today`;
}

function age(o: OccupantValues): string {
	const parts = [labelOf(AGE_BAND_LABELS, o.ageBand)];
	if (o.dateOfBirth) parts.push(`born ${formatDate(o.dateOfBirth)}`);
	return parts.filter(Boolean).join(', ');
}

function smoking(o: OccupantValues): string[] {
	const lines: string[] = [];
	if (o.smokes) lines.push(o.smokes === 'yes' ? 'Smokes' : 'Does not smoke');
	if (o.smokes === 'yes' && o.inBed) lines.push(o.inBed === 'yes' ? 'Smokes in bed' : 'Not in bed');
	if (o.airflowMattress === 'yes') lines.push('Sleeps on an airflow mattress');
	if (o.emollients === 'yes') lines.push('Uses emollient (paraffin-based) creams');
	return lines;
}

const clutterWords = (rating: string | undefined) =>
	rating ? (CLUTTER_RATING_LABELS[Number(rating)] ?? rating) : '';

export function personRows(o: OccupantValues, withHealth: boolean): Row[] {
	const rows: Row[] = [
		{ key: 'Name', value: o.name },
		{ key: 'Age', value: age(o) },
		{ key: 'Lives alone', value: yesNoWords(o.livesAlone) },
		{ key: 'Phone', value: o.phone }
	];
	if (!withHealth) return rows;
	return [
		...rows,
		{ key: 'Hearing', value: labelOf(HEARING_LABELS, o.hearing) },
		{ key: 'Getting about', value: labelOf(MOBILITY_LABELS, o.mobility) },
		{ key: 'Memory', value: labelOf(COGNITION_LABELS, o.cognition) },
		{ key: 'Smoking', value: smoking(o) },
		{ key: 'Alcohol', value: labelOf(ALCOHOL_LABELS, o.alcohol) },
		{ key: 'Oxygen at home', value: yesNoWords(o.homeOxygen) },
		{ key: 'Care and support', value: labelOf(CARE_RECEIVED_LABELS, o.careReceived) }
	];
}

export function answerSections(
	values: RecordValues,
	steps: Step[],
	changeHref?: ChangeHref
): AnswerSection[] {
	const { consent, home } = values;
	const healthAgreed = consent.toRecordHealth === 'yes';
	const sections: AnswerSection[] = [];
	for (const step of steps) {
		const change = (label: string) => (changeHref ? { href: changeHref(step), label } : undefined);
		const row = (key: string, value: Row['value'], label = key.toLowerCase()): Row => {
			const link = change(label);
			return link ? { key, value, change: link } : { key, value };
		};
		let rows: Row[];
		switch (step.section) {
			case 'consent':
				rows = [
					row('Agreed to the visit', yesNoWords(consent.toVisit), 'consent to the visit'),
					row(
						'Agreed to health details being recorded',
						yesNoWords(consent.toRecordHealth),
						'consent to record health details'
					),
					row('Agreed to details being shared', yesNoWords(consent.toShare), 'consent to share'),
					row('How they agreed', labelOf(CONSENT_METHOD_LABELS, consent.method)),
					row(
						'Recorded by',
						[consent.recordedBy, formatDateTime(consent.recordedAt)].filter(Boolean).join(', '),
						'who recorded consent'
					)
				];
				break;
			case 'occupants': {
				const person = values.occupants[step.occupant ?? 0];
				if (!person) continue;
				// Health answers are shown only when there is consent for them (or, wrongly, some exist).
				const withHealth = healthAgreed || hasHealthAnswers(person);
				rows = personRows(person, withHealth).map((r) =>
					row(r.key, r.value, `${r.key.toLowerCase()} for ${person.name || 'this person'}`)
				);
				break;
			}
			case 'home':
				rows = [
					...ALARM_TYPES.map((type) => row(ALARM_TYPE_LABELS[type], alarms(home[type]))),
					row(
						'Specialist alarms',
						home.specialistAlarms.map((a) => labelOf(SPECIALIST_ALARM_LABELS, a))
					),
					row('Heating', labelOf(HEATING_LABELS, home.heating)),
					row('Cooking', labelOf(COOKING_LABELS, home.cooking)),
					row('Concern about the electrics', yesNoWords(home.electricsConcern)),
					row('Candles or naked flames', yesNoWords(home.candles)),
					row('Risk of arson', yesNoWords(home.arsonRisk))
				];
				break;
			case 'clutter':
				rows = CLUTTER_ROOMS.map((room) =>
					row(
						CLUTTER_ROOM_LABELS[room],
						clutterWords(home.clutter[room]),
						`clutter in the ${CLUTTER_ROOM_LABELS[room].toLowerCase()}`
					)
				);
				break;
			case 'advice':
				rows = [
					row(
						'Advice given',
						values.adviceGiven.map((a) => labelOf(ADVICE_LABELS, a))
					)
				];
				break;
			case 'referrals':
				rows = [
					row(
						'Onward referrals',
						values.onwardReferrals.map((r) => {
							const to = labelOf(ONWARD_REFERRAL_LABELS, r.to) || 'Service not chosen';
							const agreed =
								r.consentToShare === 'yes'
									? 'they agreed'
									: r.consentToShare === 'no'
										? `without consent, for safeguarding: ${r.safeguardingReason}`
										: 'consent not recorded';
							return `${to}: ${r.reason} (${agreed})`;
						})
					)
				];
				break;
			case 'outcome':
				rows = [row('Outcome', labelOf(OUTCOME_LABELS, values.outcome))];
				if (values.outcome === 'rebook') {
					rows.push(row('Next appointment', formatDateTime(values.nextAppointment), 'the next appointment'));
				}
				rows.push(row('Notes', values.notes));
				break;
		}
		sections.push({ step, title: step.title, rows });
	}
	return sections;
}
