import {
	isMobile,
	type Channel,
	type ConsentMethod,
	type ContactRole,
	type ContactStatus,
	type FloodContact
} from '../domain/flood';
import { laterThan, type BuildContext } from './context';
import { DAY_MS, HOUR_MS, YEAR_MS, isoDay } from './dates';
import { email, landline, mobile, person } from './people';

/** A contact with its envelope id and times: the group, households and activations refer to the id. */
export type ContactDraft = { id: string; createdMs: number; updatedMs: number; data: FloodContact };

/** Who a group needs, in the order a short group would fill its places. */
export type RoleSlot = { role: ContactRole; zone?: number };

export type GroupFacts = {
	id: string;
	zoneIds: readonly string[];
	createdMs: number;
	/** Who records consent for the group's contacts (the coordinator for everyone else). */
	council: string;
};

/**
 * Coordinator, deputy and keyholder, then two wardens per zone (as Cockermouth does), sometimes a
 * refuge, then residents spread over the zones: `total` places in all.
 */
export function roleSlots(ctx: BuildContext, zones: number, total: number): RoleSlot[] {
	const { rng } = ctx;
	const slots: RoleSlot[] = [{ role: 'coordinator' }, { role: 'deputy' }, { role: 'keyholder' }];
	for (let zone = 0; zone < zones; zone++) slots.push({ role: 'warden', zone }, { role: 'warden', zone });
	if (slots.length < total && rng.chance(0.35)) slots.push({ role: 'refuge' });
	while (slots.length < total) slots.push({ role: 'resident', zone: rng.int(0, zones - 1) });
	return slots;
}

const STATUS_WEIGHTS: Readonly<
	Record<'officer' | 'resident', readonly (readonly [ContactStatus, number])[]>
> = {
	officer: [
		['active', 82],
		['reviewDue', 6],
		['consented', 7],
		['invited', 2],
		['withdrawn', 3]
	],
	resident: [
		['active', 60],
		['consented', 12],
		['invited', 14],
		['reviewDue', 6],
		['withdrawn', 8]
	]
};

const METHOD_WEIGHTS: readonly (readonly [ConsentMethod, number])[] = [
	['written', 60],
	['verbal', 25],
	['electronic', 15]
];

/**
 * The group's contacts in slot order. Cascade order counts up within each tier (the group-wide
 * coordination tier, then each zone), so it is unique there by construction.
 */
export function buildContacts(
	ctx: BuildContext,
	group: GroupFacts,
	slots: readonly RoleSlot[],
	ids: readonly string[]
): ContactDraft[] {
	const next = new Map<number | undefined, number>();
	let recordedBy = `Community resilience team, ${group.council}`;
	return slots.slice(0, ids.length).map((slot, i) => {
		const order = (next.get(slot.zone) ?? 0) + 1;
		next.set(slot.zone, order);
		const draft = contact(ctx, group, slot, order, recordedBy);
		// The coordinator takes everyone else's consent.
		if (slot.role === 'coordinator') recordedBy = draft.data.name;
		return { ...draft, id: ids[i] ?? '' };
	});
}

function contact(
	ctx: BuildContext,
	group: GroupFacts,
	slot: RoleSlot,
	cascadeOrder: number,
	recordedBy: string
): Omit<ContactDraft, 'id'> {
	const { rng } = ctx;
	const who = person(rng, ctx.nowMs, 25, 85);
	const officer = slot.role !== 'resident' && slot.role !== 'refuge';
	// The coordinator runs the tree, so is always on it.
	const status =
		slot.role === 'coordinator' ? 'active' : rng.weighted(STATUS_WEIGHTS[officer ? 'officer' : 'resident']);
	const data: FloodContact = {
		groupId: group.id,
		name: who.name,
		role: slot.role,
		cascadeOrder,
		phones: [],
		preferredChannel: 'call',
		status
	};
	const zoneId = slot.zone === undefined ? undefined : group.zoneIds[slot.zone];
	if (zoneId) data.zoneId = zoneId;
	reach(ctx, data, who);
	const times = consentTimes(ctx, group.createdMs, status, slot.role === 'coordinator');
	if (times.givenMs !== undefined) {
		data.consent = { givenOn: isoDay(times.givenMs), method: rng.weighted(METHOD_WEIGHTS), recordedBy };
	}
	if (times.reviewedMs !== undefined) data.lastReviewedOn = isoDay(times.reviewedMs);
	return { createdMs: times.createdMs, updatedMs: times.updatedMs, data };
}

/** Phones and the way they like to be reached: a text only to a mobile, email only with an address. */
function reach(ctx: BuildContext, data: FloodContact, who: { firstName: string; lastName: string }): void {
	const { rng } = ctx;
	const emailOnly = rng.chance(0.02);
	if (!emailOnly) {
		const mobileFirst = rng.chance(0.75);
		data.phones.push(mobileFirst ? mobile(rng) : landline(rng));
		if (rng.chance(0.3)) data.phones.push(mobileFirst ? landline(rng) : mobile(rng));
	}
	if (emailOnly || rng.chance(0.3)) data.email = email(rng, who);
	data.preferredChannel = channel(ctx, data);
}

function channel(ctx: BuildContext, data: FloodContact): Channel {
	const { rng } = ctx;
	if (data.phones.length === 0) return 'email';
	if (data.email && rng.chance(0.05)) return 'email';
	return data.phones.some(isMobile) && rng.chance(0.42) ? 'text' : 'call';
}

const MONTH_MS = YEAR_MS / 12;

/**
 * When they joined, gave consent and were last reviewed, by status: consent from "consented" on,
 * reviews yearly for most, a few active contacts overdue (so "review due" shows), none in the future.
 */
function consentTimes(
	ctx: BuildContext,
	groupCreatedMs: number,
	status: ContactStatus,
	founder: boolean
): { createdMs: number; updatedMs: number; givenMs?: number; reviewedMs?: number } {
	const { rng, nowMs } = ctx;
	const end = nowMs - HOUR_MS;
	// Never before the group existed, never after now.
	const between = (from: number, to: number) => {
		const hi = Math.min(to, end);
		return rng.msBetween(Math.min(Math.max(groupCreatedMs, from), hi), hi);
	};
	if (status === 'invited' || (status === 'withdrawn' && rng.chance(0.5))) {
		const createdMs = between(nowMs - (status === 'invited' ? 90 : 3 * 365) * DAY_MS, end);
		return { createdMs, updatedMs: laterThan(ctx, createdMs) };
	}
	// The coordinator set the group up, so is on the tree from its first weeks.
	const givenMs = founder
		? between(groupCreatedMs, groupCreatedMs + 60 * DAY_MS)
		: status === 'consented'
			? between(nowMs - 60 * DAY_MS, end)
			: status === 'reviewDue'
				? between(0, nowMs - 13 * MONTH_MS)
				: between(0, end);
	const createdMs = Math.max(groupCreatedMs, givenMs - rng.int(0, 30) * DAY_MS);
	let reviewedMs: number | undefined;
	// Most long-standing active contacts were reviewed within the year; one in ten is overdue.
	if (status === 'active' && givenMs < nowMs - 11 * MONTH_MS && rng.chance(0.9)) {
		reviewedMs = rng.msBetween(Math.max(givenMs, nowMs - 11 * MONTH_MS), end);
	}
	const lastMs = Math.max(givenMs, reviewedMs ?? 0);
	return { createdMs, updatedMs: laterThan(ctx, lastMs), givenMs, reviewedMs };
}
