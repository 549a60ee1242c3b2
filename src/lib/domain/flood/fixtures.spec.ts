import { describe, expect, it } from 'vitest';
import { callTreeActivationSchema } from './activation';
import { floodContactSchema } from './contact';
import { keswickContacts, keswickGroup, keswickHouseholds, stormActivation } from './fixtures';
import { floodGroupSchema } from './group';
import { floodHouseholdSchema } from './household';

/** The example is stored as the schemas output it: parsing changes nothing. */
describe('the Keswick example', () => {
	const data = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

	it('group', () => {
		expect(floodGroupSchema.parse(data(keswickGroup))).toEqual(data(keswickGroup));
	});

	it.each(keswickContacts.map((c) => [c.name, c] as const))('contact %s', (_, contact) => {
		expect(floodContactSchema.parse(data(contact))).toEqual(data(contact));
	});

	it.each(keswickHouseholds.map((h) => [h.address.line1, h] as const))('household %s', (_, household) => {
		expect(floodHouseholdSchema.parse(data(household))).toEqual(data(household));
	});

	it('activation', () => {
		expect(callTreeActivationSchema.parse(data(stormActivation))).toEqual(data(stormActivation));
	});

	it('every reference points at something in the example', () => {
		const contactIds = new Set(keswickContacts.map((c) => c.id));
		const zoneIds = new Set(keswickGroup.zones.map((z) => z.id));
		const all = [...keswickContacts, ...keswickHouseholds, stormActivation];
		expect(all.every((record) => record.groupId === keswickGroup.id)).toBe(true);
		expect(
			keswickGroup.equipmentStores.flatMap((s) => s.keyholderContactIds).every((id) => contactIds.has(id))
		).toBe(true);
		expect(stormActivation.log.every((e) => contactIds.has(e.contactId))).toBe(true);
		expect([...keswickContacts, ...keswickHouseholds].every((r) => !r.zoneId || zoneIds.has(r.zoneId))).toBe(
			true
		);
		expect(
			keswickHouseholds.every((h) => !h.keyholderContactId || contactIds.has(h.keyholderContactId))
		).toBe(true);
	});
});
