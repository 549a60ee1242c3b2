import { describe, expect, it } from 'vitest';
import { recordInRoute } from './route-record';

const id = 'a';
describe('recordInRoute', () => {
	it("finds the record on a record's own pages", () => {
		expect(recordInRoute('/assets/[id]', { id })).toBe('a');
		expect(recordInRoute('/assets/[id]/edit', { id })).toBe('a');
		expect(recordInRoute('/visits/[id]/record/[step]', { id, step: 'home' })).toBe('a');
		expect(recordInRoute('/flood-groups/[id]/edit', { id })).toBe('a');
	});

	it("finds a flood group's part rather than its group", () => {
		expect(recordInRoute('/flood-groups/[id]/contacts/[contactId]', { id, contactId: 'c' })).toBe('c');
		expect(recordInRoute('/flood-groups/[id]/households/[householdId]', { id, householdId: 'h' })).toBe('h');
		expect(recordInRoute('/flood-groups/[id]/activations/[activationId]', { id, activationId: 'x' })).toBe(
			'x'
		);
	});

	it('finds none on lists, new pages and other screens', () => {
		for (const route of ['/', '/assets', '/assets/new', '/assets/archived', '/sync', '/conflicts', null])
			expect(recordInRoute(route, {})).toBeNull();
		expect(recordInRoute('/flood-groups/[id]/contacts/new', { id })).toBeNull();
	});
});
