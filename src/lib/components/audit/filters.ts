import { AUDIT_ACTIONS } from '$lib/domain/audit';
import { addDays, isIsoDate } from '$lib/domain/common/dates';
import type { FieldError } from '$lib/domain/common/errors';
import { fromLocalInput } from '$lib/components/referral/time';

/**
 * The audit screen's filters live in its URL (a GET form), so a search can be shared, reloaded
 * and gone back to. Dates are UK calendar days; the API wants instants, so "from" is the start of
 * its day and "to" the end of its day, in UK time.
 */
export const FILTER_NAMES = ['action', 'staffId', 'targetId', 'deviceId', 'from', 'to'] as const;
export type AuditFilters = Record<(typeof FILTER_NAMES)[number], string>;

export function filtersFromUrl(params: URLSearchParams): AuditFilters {
	const read = (name: string) => params.get(name)?.trim() ?? '';
	return Object.fromEntries(FILTER_NAMES.map((name) => [name, read(name)])) as AuditFilters;
}

/** The screen's query string for these filters: only those filled in, so URLs stay short. */
export function filterSearch(filters: Partial<AuditFilters>, before?: number): string {
	const params = new URLSearchParams();
	for (const name of FILTER_NAMES) {
		const value = filters[name]?.trim();
		if (value) params.set(name, value);
	}
	if (before !== undefined) params.set('before', String(before));
	const search = params.toString();
	return search ? `?${search}` : '';
}

/** The instant a UK calendar day starts, as the API takes it (UTC). */
export function ukDayStart(day: string): string {
	return new Date(fromLocalInput(`${day}T00:00`)).toISOString();
}

/** The last millisecond of a UK calendar day (the API's `to` includes it). */
export function ukDayEnd(day: string): string {
	return new Date(Date.parse(ukDayStart(addDays(day, 1))) - 1).toISOString();
}

const DATE_LABELS = { from: 'From', to: 'To' } as const;

/** The problems with the filters as typed, for the error summary; none when they can be searched. */
export function filterProblems(filters: AuditFilters, before: string | null = null): FieldError[] {
	const problems: FieldError[] = [];
	if (before !== null && !/^[1-9]\d*$/.test(before)) {
		problems.push({ path: '', message: 'That page of older entries does not exist: search again' });
	}
	if (filters.action && !(AUDIT_ACTIONS as readonly string[]).includes(filters.action)) {
		problems.push({ path: 'action', message: 'Choose what happened from the list' });
	}
	for (const name of ['from', 'to'] as const) {
		if (filters[name] && !isIsoDate(filters[name])) {
			problems.push({
				path: name,
				message: `${DATE_LABELS[name]} must be a real date, for example 2026-11-23`
			});
		}
	}
	if (problems.length === 0 && filters.from && filters.to && filters.to < filters.from) {
		problems.push({ path: 'to', message: 'To must be the same as or after From' });
	}
	return problems;
}

/** The API's query for a page of the log with these filters (already checked by filterProblems). */
export function apiQuery(filters: AuditFilters, before: string | null, limit: number): URLSearchParams {
	const query = new URLSearchParams({ limit: String(limit) });
	for (const name of ['action', 'staffId', 'targetId', 'deviceId'] as const) {
		if (filters[name]) query.set(name, filters[name]);
	}
	if (filters.from) query.set('from', ukDayStart(filters.from));
	if (filters.to) query.set('to', ukDayEnd(filters.to));
	if (before) query.set('before', before);
	return query;
}
