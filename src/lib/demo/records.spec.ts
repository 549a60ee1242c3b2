import { describe, it, expect } from 'vitest';
import { assetIssues, type Asset } from '../domain/asset';
import {
	cascadeProblems,
	type CallTreeActivation,
	type ContactOnFile,
	type FloodContact,
	type FloodGroup,
	type FloodHousehold
} from '../domain/flood';
import { recordEnvelopeSchema, type RecordEnvelope } from '../domain/records';
import { kindOf } from '../domain/record-kinds';
import { referralSchemaAsOf, type Referral } from '../domain/referral';
import { STARTED_STATUSES, type Visit } from '../domain/visit';
import { DEFAULT_NOW, generateDemo, type DemoDataset } from './generate';
import { DRAMA_PHONE } from './people';
import { placeNamed, type Place } from './places';
import { firstDifference, metres, problems } from './testing';

const CUMBRIA = { south: 54.0, north: 55.2, west: -3.7, east: -2.1 };
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NOW_MS = Date.parse(DEFAULT_NOW);
const TODAY = DEFAULT_NOW.slice(0, 10);
// Parsing 50,000 records is a few seconds on a busy 2-core machine: a generous limit, not a timing check.
const SLOW = 60_000;

type Located = { place: Place; postcode?: string; lat?: number; lon?: number };

/** Every place-bound thing in a record: its town's place, postcode and point where it has them. */
function locations(record: RecordEnvelope): Located[] {
	const found = (town: string | undefined) => {
		const place = placeNamed(town ?? '');
		if (!place) throw new Error(`Unknown town ${town}`);
		return place;
	};
	switch (record.type) {
		case 'asset': {
			// A skill has no location: a person's home is not listed.
			const { location } = record.data as Asset;
			return location ? [{ place: found(location.address?.split(', ').at(-1)), ...location }] : [];
		}
		case 'visit': {
			const { address, location } = record.data as Visit;
			return [{ place: found(address.town), postcode: address.postcode, ...location }];
		}
		case 'referral': {
			const { address } = (record.data as Referral).person;
			return [{ place: found(address.town), postcode: address.postcode }];
		}
		case 'floodGroup': {
			const group = record.data as FloodGroup;
			const place = found(group.town);
			return [{ place }, ...group.equipmentStores.map((store) => ({ place, ...store.location }))];
		}
		case 'floodHousehold': {
			const { address } = record.data as FloodHousehold;
			return [{ place: found(address.town), postcode: address.postcode }];
		}
		default:
			return [];
	}
}

function phonesAndEmails(record: RecordEnvelope): { phones: string[]; emails: string[] } {
	const pick = (items: readonly { phone?: string; email?: string }[]) => ({
		phones: items.flatMap((i) => (i.phone ? [i.phone] : [])),
		emails: items.flatMap((i) => (i.email ? [i.email] : []))
	});
	switch (record.type) {
		case 'asset':
			return pick((record.data as Asset).contacts);
		case 'visit':
			return pick((record.data as Visit).occupants);
		case 'referral':
			return pick([(record.data as Referral).person]);
		case 'floodContact': {
			const contact = record.data as FloodContact;
			return { phones: contact.phones, emails: contact.email ? [contact.email] : [] };
		}
		default:
			return { phones: [], emails: [] };
	}
}

describe.each([
	['400 records', generateDemo()],
	['50,000 records', generateDemo({ size: 50_000 })]
] as [string, DemoDataset][])('generateDemo: every record, %s', (_, dataset) => {
	const { records, staff } = dataset;
	const staffById = new Map(staff.map((s) => [s.id, s]));
	const byId = new Map(records.map((r) => [r.id, r]));
	const ofType = (type: RecordEnvelope['type']) => records.filter((r) => r.type === type);

	it('passes the envelope schema, with unique ids', () => {
		const found = problems(records, (r) => (recordEnvelopeSchema.safeParse(r).success ? [] : ['envelope']));
		expect(found).toEqual([]);
		expect(byId.size).toBe(records.length);
	});

	it(
		'is stored as its kind’s schema stores it: parsing accepts every record and changes nothing',
		() => {
			const found = problems(records, function* (record) {
				const parsed = kindOf(record.type).schema.safeParse(record.data);
				if (!parsed.success) {
					const issue = parsed.error.issues[0];
					yield `${issue?.path.join('.') || '(data)'}: ${issue?.message}`;
					return;
				}
				const changed = firstDifference(record.data, parsed.data);
				if (changed !== undefined) yield `parsing changed ${changed}`;
			});
			expect(found).toEqual([]);
		},
		SLOW
	);

	it('has createdAt <= updatedAt <= now, in UTC, and no date in the future where forms refuse one', () => {
		const referralAsOf = referralSchemaAsOf(TODAY);
		const found = problems(records, function* (record) {
			const { createdAt, updatedAt } = record;
			if (!ISO_UTC.test(createdAt) || !ISO_UTC.test(updatedAt)) yield 'not ISO UTC';
			if (createdAt > updatedAt) yield 'updated before created';
			if (Date.parse(updatedAt) > NOW_MS) yield 'updated after now';
			if (record.type === 'asset') {
				for (const issue of assetIssues(record.data as Asset, TODAY)) yield issue.message;
			}
			if (record.type === 'referral') {
				const parsed = referralAsOf.safeParse(record.data);
				if (!parsed.success) yield parsed.error.issues[0]?.message ?? 'referral dates';
			}
			if (record.type === 'floodContact') {
				const { consent, lastReviewedOn } = record.data as FloodContact;
				if ((consent?.givenOn ?? '') > TODAY || (lastReviewedOn ?? '') > TODAY)
					yield 'consent or review ahead';
			}
			if (record.type === 'floodActivation') {
				const { startedAt, endedAt, log } = record.data as CallTreeActivation;
				const times = [startedAt, endedAt ?? startedAt, ...log.map((entry) => entry.at)];
				if (times.some((at) => Date.parse(at) > NOW_MS)) yield 'activation time ahead of now';
			}
		});
		expect(found).toEqual([]);
	});

	it('sits at a place in its own area, within 2 km of it and inside Cumbria', () => {
		const found = problems(records, function* (record) {
			for (const { place, postcode, lat, lon } of locations(record)) {
				if (place.areaId !== record.areaId) yield `${place.name} is not in ${record.areaId}`;
				if (postcode !== undefined && !place.districts.includes(postcode.split(' ')[0] ?? '')) {
					yield `${postcode} is not in ${place.name}`;
				}
				if (lat === undefined || lon === undefined) continue;
				const inside = lat > CUMBRIA.south && lat < CUMBRIA.north && lon > CUMBRIA.west && lon < CUMBRIA.east;
				if (!inside) yield `${lat},${lon} is outside Cumbria`;
				if (metres(place, { lat, lon }) >= 2000) yield `${lat},${lon} is over 2 km from ${place.name}`;
			}
		});
		expect(found).toEqual([]);
	});

	it('uses only Ofcom drama phone numbers (in E.164) and example email domains', () => {
		expect(records.flatMap((r) => phonesAndEmails(r).phones).length).toBeGreaterThan(0);
		const found = problems(records, function* (record) {
			const { phones, emails } = phonesAndEmails(record);
			for (const phone of phones) if (!DRAMA_PHONE.test(phone)) yield `real-looking phone ${phone}`;
			for (const email of emails) if (!/^[a-z.]+@example\.(org|com)$/.test(email)) yield `email ${email}`;
		});
		expect(found).toEqual([]);
	});

	it('assigns visits to fire officers and referrals to coaches who cover the area', () => {
		const found = problems(records, function* (record) {
			const [id, role] =
				record.type === 'visit'
					? [(record.data as Visit).assignedTo, 'fireOfficer']
					: record.type === 'referral'
						? [(record.data as Referral).assignedCoach, 'coach']
						: [undefined, undefined];
			if (record.type === 'visit' && (record.data as Visit).scheduledFor && !id) yield 'booked, no officer';
			if (record.type === 'referral' && (record.data as Referral).status !== 'received' && !id) {
				yield 'triaged or later, with no coach';
			}
			if (id === undefined) return;
			const member = staffById.get(id);
			if (member?.role !== role || !member.areaIds.includes(record.areaId)) yield `assigned to ${id}`;
		});
		expect(found).toEqual([]);
	});

	it('keeps each visit’s times and answers in step with its status', () => {
		const found = problems(ofType('visit'), function* (record) {
			const visit = record.data as Visit;
			const { status, scheduledFor, consent } = visit;
			if (visit.occupants.length < 1 || visit.occupants.length > 3)
				yield `${visit.occupants.length} occupants`;
			if (status === 'scheduled' && (scheduledFor ?? '') <= DEFAULT_NOW) yield 'scheduled in the past';
			if (status !== 'scheduled' && scheduledFor) {
				if (scheduledFor < record.createdAt || scheduledFor > record.updatedAt)
					yield `${status} outside its life`;
			}
			const started = STARTED_STATUSES.includes(status);
			if (started !== (consent !== undefined))
				yield `${status} visit ${consent ? 'with' : 'without'} consent`;
			if (consent && (consent.recordedAt < (scheduledFor ?? '') || consent.recordedAt > record.updatedAt)) {
				yield 'consent recorded outside the visit';
			}
			if ((status === 'completed' || status === 'closed') && !visit.home) yield 'finished without answers';
		});
		expect(found).toEqual([]);
	});

	it('keeps each referral’s attempts, appointments, scores and closure in step with its status', () => {
		const found = problems(ofType('referral'), function* (record) {
			const r = record.data as Referral;
			const reached = r.contactAttempts.some((a) => a.outcome === 'reached');
			if (r.receivedOn > record.createdAt.slice(0, 10)) yield 'received after it was logged';
			if ((r.status === 'received' || r.status === 'triaged') && r.contactAttempts.length > 0) {
				yield `${r.status} with attempts`;
			}
			if (r.status === 'contacting' && (r.contactAttempts.length < 1 || r.contactAttempts.length > 3)) {
				yield `contacting with ${r.contactAttempts.length} attempts`;
			}
			if ((r.status === 'firstAppointment' || r.status === 'inProgress') && !reached) yield 'never reached';
			if (r.status === 'firstAppointment' && !r.appointments?.some((a) => a.kind === 'first')) {
				yield 'no first appointment';
			}
			if (r.status === 'inProgress' && !r.ons4.baseline) yield 'in progress without a baseline';
			if (r.status === 'inProgress' && !r.appointments?.some((a) => a.kind === 'first' && a.attended)) {
				yield 'in progress without a first appointment held';
			}
			if (r.closure?.reason === 'unableToContact' && reached) yield 'unable to contact, yet reached';
		});
		expect(found).toEqual([]);
	});

	it('links visits and coach referrals both ways, for the same person at the same address', () => {
		const found = problems(records, function* (record) {
			if (record.type === 'referral') {
				const referral = record.data as Referral;
				if (!referral.visitId) return;
				const visitRecord = byId.get(referral.visitId);
				if (visitRecord?.type !== 'visit') {
					yield `visit ${referral.visitId} not found`;
					return;
				}
				const visit = visitRecord.data as Visit;
				if (visitRecord.areaId !== record.areaId) yield 'visit in another area';
				const back = visit.onwardReferrals.some(
					(o) => o.to === 'wellbeingCoach' && o.referralId === record.id
				);
				if (!back) yield 'the visit does not name this referral';
				if (!visit.occupants.some((o) => o.name === referral.person.name)) yield 'not one of the occupants';
				const same = firstDifference(visit.address, referral.person.address);
				if (same !== undefined) yield `address differs: ${same}`;
				if (referral.receivedOn < (visit.scheduledFor ?? '').slice(0, 10)) yield 'received before the visit';
			}
			if (record.type === 'visit') {
				for (const onward of (record.data as Visit).onwardReferrals) {
					if (onward.referralId === undefined) continue;
					const referral = byId.get(onward.referralId);
					if (referral?.type !== 'referral' || referral.data.visitId !== record.id) {
						yield `onward referral ${onward.referralId} does not link back`;
					}
				}
			}
		});
		expect(found).toEqual([]);
	});

	it('offers support from real assets in the referral’s own area', () => {
		const found = problems(ofType('referral'), function* (record) {
			for (const { assetId } of (record.data as Referral).supportOffered) {
				if (assetId === undefined) continue;
				const asset = byId.get(assetId);
				if (asset?.type !== 'asset' || asset.areaId !== record.areaId) yield `asset ${assetId}`;
			}
		});
		expect(found).toEqual([]);
	});

	it('ties every flood contact, household and activation to its group, and names only the group’s contacts', () => {
		const contactsOf = new Map<string, Set<string>>();
		for (const record of ofType('floodContact')) {
			const groupId = (record.data as FloodContact).groupId;
			contactsOf.set(groupId, (contactsOf.get(groupId) ?? new Set()).add(record.id));
		}
		const found = problems(records, function* (record) {
			const own = (id: string | undefined, what: string, groupId: string) => {
				if (id !== undefined && !contactsOf.get(groupId)?.has(id))
					return [`${what} ${id} is not the group's`];
				return [];
			};
			if (record.type === 'floodGroup') {
				for (const store of (record.data as FloodGroup).equipmentStores) {
					for (const id of store.keyholderContactIds) yield* own(id, 'keyholder', record.id);
				}
				return;
			}
			if (!['floodContact', 'floodHousehold', 'floodActivation'].includes(record.type)) return;
			const groupId = String(record.data.groupId);
			const group = byId.get(groupId);
			if (group?.type !== 'floodGroup' || group.areaId !== record.areaId) yield `group ${groupId}`;
			const zones = new Set(((group?.data as FloodGroup | undefined)?.zones ?? []).map((z) => z.id));
			const zoneId = record.data.zoneId;
			if (typeof zoneId === 'string' && !zones.has(zoneId)) yield `zone ${zoneId}`;
			if (record.type === 'floodHousehold') {
				yield* own((record.data as FloodHousehold).keyholderContactId, 'keyholder', groupId);
			}
			if (record.type === 'floodActivation') {
				for (const entry of (record.data as CallTreeActivation).log)
					yield* own(entry.contactId, 'log', groupId);
			}
		});
		expect(found).toEqual([]);
	});

	it('has no cascade problems: cascade order is unique within each zone', () => {
		const byGroup = new Map<string, ContactOnFile[]>();
		for (const record of ofType('floodContact')) {
			const contact = { ...(record.data as FloodContact), id: record.id };
			byGroup.set(contact.groupId, [...(byGroup.get(contact.groupId) ?? []), contact]);
		}
		const found = problems(ofType('floodGroup'), function* (record) {
			const zones = (record.data as FloodGroup).zones;
			for (const problem of cascadeProblems(byGroup.get(record.id) ?? [], zones)) yield problem.message;
		});
		expect(found).toEqual([]);
	});
});
