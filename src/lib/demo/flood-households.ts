import { VULNERABILITIES, type FloodHousehold, type Vulnerability } from '../domain/flood';
import { laterThan, type BuildContext, type Built } from './context';
import { DAY_MS, isoDay } from './dates';
import type { ContactDraft } from './flood-contacts';
import { person } from './people';
import { postcode, type Place } from './places';

export type ZoneStreet = { zoneId: string; street: string };

const OCCUPANTS = [
	[1, 30],
	[2, 40],
	[3, 15],
	[4, 10],
	[5, 5]
] as const;

// `other` needs the notes to say what, so it is rare and always explained.
const CODED = VULNERABILITIES.filter((code) => code !== 'other');

const NOTES: Readonly<Record<Vulnerability, readonly string[]>> = {
	mobility: ['Uses a wheelchair downstairs', 'Needs help on the stairs'],
	powerDependentEquipment: ['Oxygen concentrator needs power', 'Stairlift; hoist in the bedroom'],
	sensory: ['Hard of hearing: knock loudly and wait', 'Registered blind'],
	youngChildren: ['Two children under five', 'Baby due in the spring'],
	language: ['Polish speakers; daughter translates', 'Arabic speakers; son translates'],
	medical: ['Dialysis three times a week', 'Insulin kept in the fridge'],
	other: ['Dog and two cats to get out', 'Keeps bees at the bottom of the garden']
};

const METHODS = [
	['written', 65],
	['verbal', 20],
	['electronic', 15]
] as const;

/**
 * A household on one of the group's flood-risk streets. Vulnerabilities only with recorded consent
 * (Cockermouth's signed permission); a neighbour on the call tree sometimes holds a key.
 */
export function buildHousehold(
	ctx: BuildContext,
	groupId: string,
	groupCreatedMs: number,
	place: Place,
	streets: readonly ZoneStreet[],
	contacts: readonly ContactDraft[]
): Built<FloodHousehold> {
	const { rng, nowMs } = ctx;
	const { zoneId, street } = rng.pick(streets);
	const createdMs = rng.msBetween(groupCreatedMs, nowMs - DAY_MS);
	const data: FloodHousehold = {
		groupId,
		zoneId,
		address: { line1: `${rng.int(1, 80)} ${street}`, town: place.name, postcode: postcode(rng, place) },
		occupants: rng.weighted(OCCUPANTS),
		vulnerabilities: []
	};
	let updatedMs = laterThan(ctx, createdMs);
	if (rng.chance(0.45)) {
		const givenMs = rng.msBetween(createdMs, updatedMs);
		data.consent = {
			givenOn: isoDay(givenMs),
			givenBy: person(rng, nowMs, 25, 90).name,
			method: rng.weighted(METHODS)
		};
		if (rng.chance(0.6)) {
			const codes: Vulnerability[] = rng.sample(CODED, rng.int(1, 2));
			if (rng.chance(0.05)) codes.push('other');
			data.vulnerabilities = codes;
			const first = codes[0];
			if (codes.includes('other')) data.notes = rng.pick(NOTES.other);
			else if (first && rng.chance(0.7)) data.notes = rng.pick(NOTES[first]);
		}
		updatedMs = Math.max(updatedMs, givenMs);
	}
	const neighbours = contacts.filter((c) => c.data.zoneId === zoneId && c.data.status !== 'withdrawn');
	if (neighbours.length > 0 && rng.chance(0.2)) data.keyholderContactId = rng.pick(neighbours).id;
	return { createdMs, updatedMs, data };
}
