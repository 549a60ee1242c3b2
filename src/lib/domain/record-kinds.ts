import {
	ASSET_KIND_LABELS,
	ASSET_LIFECYCLE_LABELS,
	ASSET_STATUS_LABELS,
	assetSchema,
	needsAttention as assetAttention,
	type Asset
} from './asset';
import { formatLongDate } from './common/dates';
import { CONTACT_ROLE_LABELS, floodContactSchema, reviewDue, type FloodContact } from './flood/contact';
import { callTreeActivationSchema, type CallTreeActivation } from './flood/activation';
import { floodGroupSchema, type FloodGroup } from './flood/group';
import { floodHouseholdSchema, type FloodHousehold } from './flood/household';
import type { RecordKind } from './kinds';
import type { RecordType } from './records';
import {
	OPEN_STATUSES,
	REASON_LABELS,
	STATUS_LABELS as REFERRAL_STATUS_LABELS,
	nextAction,
	referralSchema,
	type Referral
} from './referral';
import { assessRisk, RISK_BAND_LABELS, VISIT_STATUS_LABELS, visitSchema, type Visit } from './visit';

const words = (...parts: (string | undefined | null)[]) => parts.filter(Boolean).join(' ');
const line = (...parts: (string | undefined | null | false)[]) => parts.filter(Boolean).join(' · ');

export const assetKind: RecordKind<Asset> = {
	type: 'asset',
	schema: assetSchema,
	statusLabels: ASSET_LIFECYCLE_LABELS,
	status: (a) => a.lifecycle,
	searchText: (a) =>
		words(a.name, a.holderName, a.organisation, a.description, a.location?.address, a.location?.postcode),
	title: (a) => a.name,
	detail: (a) =>
		line(
			ASSET_KIND_LABELS[a.kind],
			a.status !== 'active' && ASSET_STATUS_LABELS[a.status],
			a.location?.address
		),
	needsAttention: assetAttention
};

export const visitKind: RecordKind<Visit> = {
	type: 'visit',
	schema: visitSchema,
	statusLabels: VISIT_STATUS_LABELS,
	status: (v) => v.status,
	assignee: (v) => v.assignedTo,
	searchText: (v) =>
		words(v.address.line1, v.address.town, v.address.postcode, ...v.occupants.map((o) => o.name)),
	title: (v) => `${v.address.line1}, ${v.address.town}`,
	detail: (v) =>
		line(
			v.occupants.map((o) => o.name).join(', '),
			v.scheduledFor && formatLongDate(v.scheduledFor.slice(0, 10))
		),
	needsAttention: (v, today) => {
		const reasons: string[] = [];
		if (v.status === 'scheduled' && v.scheduledFor && v.scheduledFor.slice(0, 10) < today) {
			reasons.push('Visit date has passed');
		}
		if (v.status === 'requested') reasons.push('Not yet booked');
		const risk = assessRisk(v);
		if ((risk.band === 'high' || risk.band === 'veryHigh') && v.status !== 'closed') {
			reasons.push(`${RISK_BAND_LABELS[risk.band]} risk`);
		}
		return reasons;
	}
};

export const referralKind: RecordKind<Referral> = {
	type: 'referral',
	schema: referralSchema,
	statusLabels: REFERRAL_STATUS_LABELS,
	status: (r) => r.status,
	assignee: (r) => r.assignedCoach,
	searchText: (r) =>
		words(r.person.name, r.person.address.town, r.person.address.postcode, r.person.address.line1),
	title: (r) => r.person.name,
	detail: (r) => line(r.reasons.map((reason) => REASON_LABELS[reason]).join(', '), r.person.address.town),
	needsAttention: (r, today) => {
		if (!(OPEN_STATUSES as readonly string[]).includes(r.status)) return [];
		const action = nextAction(r, new Date(`${today}T12:00:00Z`));
		return action.due && action.due <= today ? [action.action] : [];
	}
};

export const floodGroupKind: RecordKind<FloodGroup> = {
	type: 'floodGroup',
	schema: floodGroupSchema,
	statusLabels: { current: 'Current', reviewDue: 'Plan review due' },
	status: () => 'current',
	searchText: (g) => words(g.name, g.town, ...g.zones.map((z) => z.name), ...g.floodAreaCodes),
	title: (g) => g.name,
	detail: (g) => line(g.town, `${g.zones.length} ${g.zones.length === 1 ? 'zone' : 'zones'}`),
	// The group's own rule; the full check with its contacts runs on the group's page.
	needsAttention: (g, today) =>
		g.planReviewDate < today ? [`Plan review due since ${formatLongDate(g.planReviewDate)}`] : []
};

export const floodContactKind: RecordKind<FloodContact> = {
	type: 'floodContact',
	schema: floodContactSchema,
	statusLabels: {
		invited: 'Invited',
		consented: 'Consented',
		active: 'Active',
		reviewDue: 'Review due',
		withdrawn: 'Withdrawn'
	},
	status: (c) => c.status,
	searchText: (c) => words(c.name, ...c.phones),
	title: (c) => c.name,
	detail: (c) => CONTACT_ROLE_LABELS[c.role],
	needsAttention: (c, today) => (reviewDue(c, today) ? ['Review due'] : [])
};

export const floodHouseholdKind: RecordKind<FloodHousehold> = {
	type: 'floodHousehold',
	schema: floodHouseholdSchema,
	statusLabels: { recorded: 'Recorded' },
	status: () => 'recorded',
	searchText: (h) => words(h.address.line1, h.address.town, h.address.postcode),
	title: (h) => `${h.address.line1}, ${h.address.town}`,
	detail: (h) => `${h.occupants} ${h.occupants === 1 ? 'person' : 'people'}`,
	needsAttention: () => []
};

export const floodActivationKind: RecordKind<CallTreeActivation> = {
	type: 'floodActivation',
	schema: callTreeActivationSchema,
	statusLabels: { underWay: 'Under way', ended: 'Ended' },
	status: (a) => (a.endedAt ? 'ended' : 'underWay'),
	searchText: (a) => a.title,
	title: (a) => a.title,
	detail: (a) => `${a.log.length} calls logged`,
	needsAttention: () => []
};

/** Every record type's kind, so generic code (store, sync, server) can look one up by type. */
export const recordKinds = {
	asset: assetKind,
	visit: visitKind,
	referral: referralKind,
	floodGroup: floodGroupKind,
	floodContact: floodContactKind,
	floodHousehold: floodHouseholdKind,
	floodActivation: floodActivationKind
} satisfies Record<RecordType, unknown>;

export function kindOf(type: RecordType): RecordKind<Record<string, unknown>> {
	return recordKinds[type] as unknown as RecordKind<Record<string, unknown>>;
}
