import { z } from 'zod';
import { isoDateTimeSchema, optionalText, requiredText } from '../common';
import type { CallTree, ContactOnFile } from './cascade';
import { instant } from '../common/dates';
import { floodAreaCodeSchema } from './group';
import { repeats } from './lists';

/**
 * One activation of a group's call tree during an event, with the log of every attempt to reach
 * someone. The log is only ever added to: it is the record of who was told what, and when.
 */

export const ATTEMPT_CHANNELS = ['call', 'text', 'visit'] as const;
export type AttemptChannel = (typeof ATTEMPT_CHANNELS)[number];

export const CALL_OUTCOMES = ['reached', 'noAnswer', 'leftMessage', 'needsHelp'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
	reached: 'Reached',
	noAnswer: 'No answer',
	leftMessage: 'Left a message',
	needsHelp: 'Needs help'
};

export const callLogEntrySchema = z.object({
	// Its own id, so an entry saved twice (a double tap, a resent sync) is recognised and kept once.
	id: z.uuid({ error: 'Each log entry needs its own id' }),
	contactId: z.uuid({ error: 'Choose who you tried to reach' }),
	at: isoDateTimeSchema,
	channel: z.enum(ATTEMPT_CHANNELS, { error: 'Choose how you tried to reach them: call, text or visit' }),
	outcome: z.enum(CALL_OUTCOMES, {
		error: 'Choose what happened: reached, no answer, left a message or needs help'
	}),
	by: requiredText('who made the call', 120),
	note: optionalText('the note', 500)
});
export type CallLogEntry = z.infer<typeof callLogEntrySchema>;
export type CallLogEntryInput = z.input<typeof callLogEntrySchema>;

export const callTreeActivationSchema = z
	.object({
		groupId: z.uuid({ error: 'Choose the flood group' }),
		title: requiredText('a title', 120),
		/** The Environment Agency warning or alert area that set it off, when there was one. */
		floodAreaCode: floodAreaCodeSchema.optional(),
		startedAt: isoDateTimeSchema,
		startedBy: requiredText('who started it', 120),
		endedAt: isoDateTimeSchema.optional(),
		log: z.array(callLogEntrySchema).default([])
	})
	.superRefine((activation, ctx) => {
		const started = instant(activation.startedAt);
		const ended = instant(activation.endedAt);
		if (started !== null && ended !== null && ended <= started) {
			ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'The end must be after the start' });
		}
		// Log times are not checked against start and end: phone clocks differ, and refusing the whole
		// record over one entry would stop it syncing in the middle of a flood.
		for (const i of repeats(activation.log, (entry) => entry.id)) {
			ctx.addIssue({ code: 'custom', path: ['log', i, 'id'], message: 'This log entry is recorded twice' });
		}
	});
export type CallTreeActivation = z.infer<typeof callTreeActivationSchema>;
export type CallTreeActivationInput = z.input<typeof callTreeActivationSchema>;

type Log = Pick<CallTreeActivation, 'log'>;

/** Each contact's latest attempt: the later time wins; on equal times, the entry logged later. */
export function latestAttempts(log: readonly CallLogEntry[]): Map<string, CallLogEntry> {
	const latest = new Map<string, CallLogEntry>();
	for (const entry of log) {
		const previous = latest.get(entry.contactId);
		if (!previous || (instant(entry.at) ?? 0) >= (instant(previous.at) ?? 0))
			latest.set(entry.contactId, entry);
	}
	return latest;
}

/** Reached or spoken to (needs help is a visit to arrange, not another call): the cascade moves on. */
function done(entry: CallLogEntry | undefined): boolean {
	return entry?.outcome === 'reached' || entry?.outcome === 'needsHelp';
}

export interface TierProgress {
	key: string;
	name: string;
	total: number;
	reached: number;
	needsHelp: number;
	/** Not yet tried, or tried with no answer or a message left. */
	outstanding: number;
}

export function progressByZone(tree: CallTree, activation: Log): TierProgress[] {
	const latest = latestAttempts(activation.log);
	return tree.map((tier) => {
		const outcomes = tier.contacts.map((contact) => latest.get(contact.id)?.outcome);
		const reached = outcomes.filter((outcome) => outcome === 'reached').length;
		const needsHelp = outcomes.filter((outcome) => outcome === 'needsHelp').length;
		return {
			key: tier.key,
			name: tier.name,
			total: outcomes.length,
			reached,
			needsHelp,
			outstanding: outcomes.length - reached - needsHelp
		};
	});
}

export interface NextCall {
	contact: ContactOnFile;
	tierKey: string;
	tierName: string;
	/** They were tried before (no answer or a message left): this is another go. */
	retry: boolean;
	lastAttempt?: CallLogEntry;
}

/**
 * Who to call next, down the cascade tier by tier. Everyone is tried once before anyone is tried
 * again, so one unanswered phone does not hold up the rest of the street. `tierKey` keeps a warden
 * to their own zone.
 */
export function nextToCall(tree: CallTree, activation: Log, tierKey?: string): NextCall | null {
	const latest = latestAttempts(activation.log);
	const waiting = tree
		.filter((tier) => tierKey === undefined || tier.key === tierKey)
		.flatMap((tier) => tier.contacts.map((contact) => ({ tier, contact, last: latest.get(contact.id) })))
		.filter(({ last }) => !done(last));
	const next = waiting.find(({ last }) => !last) ?? waiting[0];
	if (!next) return null;
	const call: NextCall = {
		contact: next.contact,
		tierKey: next.tier.key,
		tierName: next.tier.name,
		retry: next.last !== undefined
	};
	if (next.last) call.lastAttempt = next.last;
	return call;
}

export type AppendResult = { ok: true; activation: CallTreeActivation } | { ok: false; reason: string };

/**
 * The activation with one more attempt logged. Refused once the activation has ended, for an entry
 * that is not complete, or (given the call tree) for someone not on it. Logging the same entry twice
 * keeps one.
 */
export function appendOutcome(
	activation: CallTreeActivation,
	entry: CallLogEntryInput,
	tree?: CallTree
): AppendResult {
	if (activation.endedAt) return { ok: false, reason: 'This activation has ended' };
	const parsed = callLogEntrySchema.safeParse(entry);
	if (!parsed.success) {
		return { ok: false, reason: parsed.error.issues[0]?.message ?? 'This log entry is not complete' };
	}
	if (tree && !tree.some((tier) => tier.contacts.some((contact) => contact.id === parsed.data.contactId))) {
		return { ok: false, reason: "This person is not on the group's call tree" };
	}
	if (activation.log.some((logged) => logged.id === parsed.data.id)) return { ok: true, activation };
	return { ok: true, activation: { ...activation, log: [...activation.log, parsed.data] } };
}
