import {
	callTree,
	type AttemptChannel,
	type CallLogEntry,
	type CallOutcome,
	type CallTreeActivation,
	type ContactOnFile,
	type FloodGroup,
	type WithId
} from '../domain/flood';
import type { BuildContext, Built } from './context';
import { DAY_MS, HOUR_MS, MINUTE_MS, isoDay, isoTime } from './dates';
import type { ContactDraft } from './flood-contacts';

export type ActivationKind = 'ended' | 'underWay';

const FIRST_TRY: readonly (readonly [CallOutcome, number])[] = [
	['reached', 70],
	['noAnswer', 15],
	['leftMessage', 10],
	['needsHelp', 5]
];

const RETRY: readonly (readonly [CallOutcome, number])[] = [
	['reached', 75],
	['needsHelp', 5],
	['leftMessage', 20]
];

const HELP_NOTES = [
	'Needs help moving things upstairs',
	'Cannot get out without help; crew told',
	'Power-dependent equipment: asked about battery backup'
];

/**
 * A walk down the call tree during a flood warning: coordination first, then each zone in turn, each
 * person tried once before anyone is tried again (as `nextToCall` does). An ended activation reached
 * everyone it could; one under way has got as far as the time since it started allows.
 */
export function buildActivation(
	ctx: BuildContext,
	group: WithId<FloodGroup>,
	createdMs: number,
	contacts: readonly ContactDraft[],
	river: string,
	kind: ActivationKind
): Built<CallTreeActivation> {
	const { rng, nowMs } = ctx;
	const startedMs =
		kind === 'underWay'
			? nowMs - rng.int(40, 300) * MINUTE_MS
			: Math.max(createdMs + 30 * DAY_MS, nowMs - rng.int(14, 400) * DAY_MS) + rng.int(0, 23) * HOUR_MS;
	const code = group.floodAreaCodes.length > 0 ? rng.pick(group.floodAreaCodes) : undefined;
	const warning = code && code.slice(3, 5) === 'WA' ? 'Flood alert' : 'Flood warning';
	const onFile: ContactOnFile[] = contacts.map((c) => ({ ...c.data, id: c.id }));
	const startDay = isoDay(startedMs);
	// Only those on the tree that day: consent given by then, and not withdrawn since.
	const tree = callTree(group, onFile).map((tier) => ({
		...tier,
		contacts: tier.contacts.filter((c) => (c.consent?.givenOn ?? '9999') <= startDay)
	}));
	const coordinator = tree[0]?.contacts[0]?.name ?? 'Flood group coordinator';
	const data: CallTreeActivation = {
		groupId: group.id,
		title: `${warning} – ${river}`,
		startedAt: isoTime(startedMs),
		startedBy: coordinator,
		log: []
	};
	if (code) data.floodAreaCode = code;
	const until = kind === 'underWay' ? nowMs - MINUTE_MS : Number.POSITIVE_INFINITY;
	let t = startedMs;
	let lastMs = startedMs;
	const retry: { contact: ContactOnFile; by: string }[] = [];
	const log = (contact: ContactOnFile, by: string, outcome: CallOutcome) => {
		t += rng.int(1, 4) * MINUTE_MS;
		if (t > until) return false;
		lastMs = t;
		const entry: CallLogEntry = {
			id: rng.uuid(),
			contactId: contact.id,
			at: isoTime(t),
			channel: channelFor(contact, outcome),
			outcome,
			by
		};
		if (outcome === 'needsHelp') entry.note = rng.pick(HELP_NOTES);
		else if (data.log.length === 0) entry.note = 'Floodline warning received';
		data.log.push(entry);
		return true;
	};
	walk: for (const tier of tree) {
		// In a zone, the first warden reached makes the rest of the calls.
		let by = coordinator;
		for (const contact of tier.contacts) {
			const outcome = firstTry(ctx, contact);
			if (!log(contact, by, outcome)) break walk;
			if (outcome === 'noAnswer' || outcome === 'leftMessage') retry.push({ contact, by });
			else if (tier.kind === 'zone' && contact.role === 'warden' && by === coordinator) by = contact.name;
		}
	}
	for (const { contact, by } of retry) if (!log(contact, by, rng.weighted(RETRY))) break;
	if (kind === 'underWay') return { createdMs: startedMs, updatedMs: lastMs, data };
	// Stood down a few hours after the last call, once the river dropped.
	const endedMs = lastMs + rng.int(2, 12) * HOUR_MS;
	data.endedAt = isoTime(endedMs);
	return { createdMs: startedMs, updatedMs: endedMs, data };
}

/** Someone who needs help is a resident or a refuge; wardens and officers answer or call back. */
function firstTry(ctx: BuildContext, contact: ContactOnFile): CallOutcome {
	const outcome = ctx.rng.weighted(FIRST_TRY);
	return outcome === 'needsHelp' && contact.role !== 'resident' && contact.role !== 'refuge'
		? 'reached'
		: outcome;
}

function channelFor(contact: ContactOnFile, outcome: CallOutcome): AttemptChannel {
	if (outcome === 'needsHelp') return 'visit';
	return contact.preferredChannel === 'text' ? 'text' : 'call';
}
