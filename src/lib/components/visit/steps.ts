import type { FieldError } from '$lib/domain/common/errors';
import { HEALTH_FIELDS, VISIT_MESSAGES } from '$lib/domain/visit';
import type { RecordValues, Section } from './values';

/**
 * The pages a visit is recorded on, one thing per page: consent, each person, the home, clutter,
 * advice, onward referrals, outcome; then check your answers. A step owns the fields under its
 * path prefixes, so it shows (and is held up by) only its own errors.
 */
export interface Step {
	/** The last part of the page's address: `consent`, `person-2`, `home`. */
	id: string;
	title: string;
	section: Section;
	prefixes: string[];
	/** For a person's page, their place in the list. */
	occupant?: number;
}

const fixed = (id: string, title: string, section: Section, prefixes: string[]): Step => ({
	id,
	title,
	section,
	prefixes
});

export function stepsFor(values: Pick<RecordValues, 'occupants'>): Step[] {
	const people = values.occupants.map((o, i): Step => ({
		id: `person-${i + 1}`,
		title: o.name.trim() || `Person ${i + 1}`,
		section: 'occupants',
		prefixes: [`occupants.${i}`],
		occupant: i
	}));
	return [
		fixed('consent', 'Consent', 'consent', ['consent']),
		...people,
		fixed('home', 'Alarms and the home', 'home', [
			'home.smokeAlarms',
			'home.heatAlarms',
			'home.coAlarms',
			'home.specialistAlarms',
			'home.heating',
			'home.cooking',
			'home.electricsConcern',
			'home.candles',
			'home.arsonRisk'
		]),
		fixed('clutter', 'Clutter', 'clutter', ['home.clutter']),
		fixed('advice', 'Advice given', 'advice', ['adviceGiven']),
		fixed('referrals', 'Onward referrals', 'referrals', ['onwardReferrals']),
		fixed('outcome', 'Outcome', 'outcome', ['outcome', 'notes', 'scheduledFor'])
	];
}

export const owns = (step: Step, path: string): boolean =>
	step.prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));

/** The step a field is answered on, if any (the address and source are changed elsewhere). */
export const stepOf = (steps: Step[], path: string): Step | undefined => steps.find((s) => owns(s, path));

/** The sections answered on this step and the ones before it. */
export function sectionsUpTo(steps: Step[], step: Step): Section[] {
	const index = steps.indexOf(step);
	return [...new Set(steps.slice(0, index + 1).map((s) => s.section))];
}

const HEALTH_PATH = new RegExp(`^occupants\\.(\\d+)\\.(${HEALTH_FIELDS.join('|')})(\\.|$)`);

/**
 * Health questions stay hidden until the person agrees to health details being recorded, so the
 * "Record consent before health details" rule, given once per answered question, becomes one
 * error on the person's page, at the notice that explains it.
 */
export function healthConsentErrors(errors: FieldError[]): FieldError[] {
	const seen = new Set<string>();
	const result: FieldError[] = [];
	for (const error of errors) {
		const match = error.message === VISIT_MESSAGES.consentBeforeHealth ? HEALTH_PATH.exec(error.path) : null;
		const path = match ? `occupants.${match[1]}.health` : error.path;
		if (seen.has(`${path}|${error.message}`)) continue;
		seen.add(`${path}|${error.message}`);
		result.push({ path, message: error.message });
	}
	return result;
}
