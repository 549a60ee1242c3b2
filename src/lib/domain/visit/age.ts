import { ageOn } from '../common/dates';
import type { AgeBand } from './codes';
import type { Occupant, Visit } from './schema';

export { ageOn };

export function ageBandForAge(age: number): AgeBand | undefined {
	if (age < 18) return undefined;
	if (age < 65) return '18-64';
	if (age < 75) return '65-74';
	if (age < 85) return '75-84';
	return '85+';
}

/**
 * The day a visit's ages are worked out on: the day asked for, else the appointment, else the day
 * consent was given. A pure function cannot read the clock, so with none of these it is unknown.
 */
export function visitDay(visit: Pick<Visit, 'scheduledFor' | 'consent'>, on?: string): string | undefined {
	return on ?? visit.scheduledFor?.slice(0, 10) ?? visit.consent?.recordedAt.slice(0, 10);
}

/** The band a person is in: the date of birth wins when there is a day to measure it on. */
export function ageBandOf(occupant: Occupant, day: string | undefined): AgeBand | undefined {
	if (occupant.dateOfBirth && day) return ageBandForAge(ageOn(occupant.dateOfBirth, day));
	return occupant.ageBand;
}
