import { normalisePhone } from '../common';
import type { ContactStatus, FloodContact } from './contact';
import type { FloodGroup, FloodZone, WithId } from './group';

/**
 * The call tree: who is called, in what order. Cascade order is unique within a zone; contacts with
 * no zone (coordinator, deputy, keyholders, refuges) form the group-wide coordination tier, called first.
 */

export type ContactOnFile = WithId<FloodContact>;

/** Only people whose consent is on file are called; the invited have not agreed yet, the withdrawn said no. */
export const CALLED_STATUSES: readonly ContactStatus[] = ['consented', 'active', 'reviewDue'];

export type TierKind = 'coordination' | 'zone' | 'formerZone';

export interface CallTreeTier {
	/** `coordination`, `zone:<zone id>`, or `formerZone` for contacts whose zone has left the plan. */
	key: string;
	kind: TierKind;
	name: string;
	zoneId?: string;
	/** In cascade order. */
	contacts: ContactOnFile[];
}

export type CallTree = CallTreeTier[];

export const COORDINATION_TIER_NAME = 'Coordination';
export const FORMER_ZONE_TIER_NAME = 'Zone no longer in the plan';

export interface CascadeProblem {
	contactId: string;
	message: string;
}

/** Every contact sharing a cascade place with another in the same tier, each flagged so its form can show it. */
export function cascadeProblems(
	contacts: readonly ContactOnFile[],
	zones: readonly FloodZone[] = []
): CascadeProblem[] {
	// A withdrawn contact's place is free for someone new.
	const counted = contacts.filter((c) => c.status !== 'withdrawn');
	const places = new Map<string, ContactOnFile[]>();
	for (const contact of counted) {
		const place = `${contact.zoneId ?? ''}\u0000${contact.cascadeOrder}`;
		places.set(place, [...(places.get(place) ?? []), contact]);
	}
	const problems: CascadeProblem[] = [];
	for (const sharing of places.values()) {
		const first = sharing[0];
		if (!first || sharing.length < 2) continue;
		const where = first.zoneId ? zoneName(first.zoneId, zones) : 'the coordination tier';
		const times = sharing.length === 2 ? 'twice' : `${sharing.length} times`;
		const message = `Cascade order ${first.cascadeOrder} is used ${times} in ${where}`;
		for (const contact of sharing) problems.push({ contactId: contact.id, message });
	}
	return problems;
}

function zoneName(zoneId: string, zones: readonly FloodZone[]): string {
	return zones.find((zone) => zone.id === zoneId)?.name ?? `zone ${zoneId}`;
}

/**
 * The group's call tree: coordination first, then each zone in the plan's order, each in cascade
 * order. Zones with nobody to call still appear, so the gap shows. Contacts of other groups are ignored.
 */
export function callTree(
	group: Pick<WithId<FloodGroup>, 'id' | 'zones'>,
	contacts: readonly ContactOnFile[]
): CallTree {
	const called = contacts
		.filter((c) => c.groupId === group.id && CALLED_STATUSES.includes(c.status))
		.sort(byCascade);
	const zoneIds = new Set(group.zones.map((zone) => zone.id));
	const tiers: CallTree = [
		{
			key: 'coordination',
			kind: 'coordination',
			name: COORDINATION_TIER_NAME,
			contacts: called.filter((c) => !c.zoneId)
		},
		...group.zones.map((zone): CallTreeTier => ({
			key: `zone:${zone.id}`,
			kind: 'zone',
			name: zone.name,
			zoneId: zone.id,
			contacts: called.filter((c) => c.zoneId === zone.id)
		}))
	];
	// A zone deleted on one phone while a warden was added to it on another: still call them.
	const stranded = called.filter((c) => c.zoneId && !zoneIds.has(c.zoneId));
	if (stranded.length > 0) {
		tiers.push({ key: 'formerZone', kind: 'formerZone', name: FORMER_ZONE_TIER_NAME, contacts: stranded });
	}
	return tiers;
}

/** Cascade order; ties (a problem to fix, but it happens) by name, then id, so every phone agrees. */
function byCascade(a: ContactOnFile, b: ContactOnFile): number {
	return a.cascadeOrder - b.cascadeOrder || a.name.localeCompare(b.name, 'en-GB') || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Stored numbers are E.164 already; anything else is normalised, or stripped to what a dialler accepts. */
function dialable(phone: string): string {
	return normalisePhone(phone) ?? phone.replace(/[^\d+]/g, '');
}

/** `tel:+447700900123`: tap to call. */
export function telLink(phone: string): string {
	return `tel:${dialable(phone)}`;
}

/**
 * `sms:+447700900123?&body=…`: tap to text. The `?&` form is the one both iOS and Android read;
 * the body is percent-encoded (spaces as %20, never `+`, which iOS would show).
 */
export function smsLink(phone: string, body?: string): string {
	const link = `sms:${dialable(phone)}`;
	return body ? `${link}?&body=${encodeURIComponent(body)}` : link;
}
