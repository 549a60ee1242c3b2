import { z } from 'zod';

/**
 * A weekly opening schedule. Each entry maps one-to-one onto an Open Referral UK `schedule` row:
 * `freq: WEEKLY`, `byday` = the day codes upper-cased and comma-joined (RFC 5545 BYDAY: MO,TU),
 * `opens_at`/`closes_at` = the times. Anything a weekly rule cannot say ("first Tuesday of the month",
 * "term time only") goes in the asset's `scheduleNotes`, which exports as the schedule's `notes`.
 */

/** RFC 5545 weekday codes, lower-cased, Monday first as people in the UK read a week. */
export const scheduleDaySchema = z.enum(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], {
	error: 'Select days from Monday to Sunday'
});
export type ScheduleDay = z.infer<typeof scheduleDaySchema>;
export const SCHEDULE_DAYS = scheduleDaySchema.options;

export const DAY_LABELS: Record<ScheduleDay, string> = {
	mo: 'Monday',
	tu: 'Tuesday',
	we: 'Wednesday',
	th: 'Thursday',
	fr: 'Friday',
	sa: 'Saturday',
	su: 'Sunday'
};

// 24-hour clock, 00:00 to 23:59; an opening that runs past midnight is two entries.
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Both times real and in order: only such an entry can be compared with others. */
const isSpan = (entry: { opens: string; closes: string }) =>
	TIME.test(entry.opens) && TIME.test(entry.closes) && entry.opens < entry.closes;

const time = (message: string) => z.string({ error: message }).regex(TIME, message);

export const scheduleEntrySchema = z
	.object({
		days: z
			.array(scheduleDaySchema, { error: 'Select at least one day' })
			.min(1, 'Select at least one day')
			.refine((days) => new Set(days).size === days.length, 'Select each day only once'),
		opens: time('Enter an opening time, like 09:30'),
		closes: time('Enter a closing time, like 17:00')
	})
	.superRefine((entry, ctx) => {
		// Only compare real times, so a mistyped opening time does not also blame the closing time.
		if (TIME.test(entry.opens) && TIME.test(entry.closes) && !isSpan(entry)) {
			ctx.addIssue({ code: 'custom', path: ['closes'], message: 'Closing time must be after opening time' });
		}
	});
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

/** Two entries may share a day (09:00–12:00 and 14:00–17:00) but not overlap on it. */
export const scheduleSchema = z.array(scheduleEntrySchema).superRefine((entries, ctx) => {
	const flagged = new Set<number>();
	for (const day of SCHEDULE_DAYS) {
		const spans = entries
			.map((entry, index) => ({ ...entry, index }))
			.filter((entry) => entry.days.includes(day) && isSpan(entry))
			.sort((a, b) => a.opens.localeCompare(b.opens));
		// Compare with the latest closing so far, not just the previous entry: 09–17 swallows 10–11 and 12–13.
		let latestClose = '';
		for (const span of spans) {
			if (span.opens < latestClose && !flagged.has(span.index)) {
				flagged.add(span.index);
				ctx.addIssue({
					code: 'custom',
					path: [span.index, 'opens'],
					message: `Opening times on ${DAY_LABELS[day]} must not overlap`
				});
			}
			if (span.closes > latestClose) latestClose = span.closes;
		}
	}
});
