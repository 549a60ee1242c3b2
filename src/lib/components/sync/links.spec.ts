import { describe, expect, it } from 'vitest';
import { editHref, recordHref } from './links';

const id = '6a1f0b5e-3c1d-4c2b-9d8e-7f6a5b4c3d2e';
const group = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('record links', () => {
	it('opens each main type at its own page and edit page', () => {
		expect(recordHref({ id, type: 'asset' })).toBe(`/assets/${id}`);
		expect(editHref({ id, type: 'asset' })).toBe(`/assets/${id}/edit`);
		expect(editHref({ id, type: 'visit' })).toBe(`/visits/${id}/edit`);
		expect(editHref({ id, type: 'referral' })).toBe(`/referrals/${id}/edit`);
		expect(editHref({ id, type: 'floodGroup' })).toBe(`/flood-groups/${id}/edit`);
	});

	it('opens a flood group part under its group, where its form is', () => {
		const contact = { id, type: 'floodContact' as const, data: { groupId: group } };
		expect(recordHref(contact)).toBe(`/flood-groups/${group}/contacts/${id}`);
		expect(editHref(contact)).toBe(`/flood-groups/${group}/contacts/${id}`);
		expect(recordHref({ ...contact, type: 'floodHousehold' })).toBe(
			`/flood-groups/${group}/households/${id}`
		);
		expect(recordHref({ ...contact, type: 'floodActivation' })).toBe(
			`/flood-groups/${group}/activations/${id}`
		);
	});

	it('gives no link for a part whose group it cannot tell', () => {
		expect(recordHref({ id, type: 'floodHousehold', data: {} })).toBeNull();
		expect(editHref({ id, type: 'floodContact' })).toBeNull();
	});
});
