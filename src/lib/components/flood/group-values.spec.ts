import { describe, expect, it } from 'vitest';
import { locationFromPoint } from '$lib/components/form/location-value';
import { keswickGroup } from '$lib/domain/flood/fixtures';
import {
	groupFormSchema,
	groupValues,
	prepareGroup,
	storeLocationErrors,
	upgradeGroupDraft
} from './group-values';

const values = () => groupValues(keswickGroup, 'allerdale');
const parse = (v: ReturnType<typeof values>) => groupFormSchema.parse(prepareGroup(v));

describe("a flood group's equipment store locations", () => {
	it('saves an unchanged store location exactly as it was', () => {
		expect(parse(values()).equipmentStores).toEqual(keswickGroup.equipmentStores);
	});

	it("stores a point from this device with its accuracy, keeping the saved location's other details", () => {
		const v = values();
		const store = v.equipmentStores[0]!;
		store.saved = { ...store.saved!, uprn: '10000123456' };
		store.location = locationFromPoint({ lat: 54.6041, lon: -3.1322, accuracyM: 6, source: 'device' });
		expect(parse(v).equipmentStores[0]?.location).toEqual({
			lat: 54.6041,
			lon: -3.1322,
			accuracyM: 6,
			uprn: '10000123456'
		});
	});

	it('drops a cleared location, and points at a store position that cannot be read', () => {
		const v = values();
		v.equipmentStores[0]!.location = { position: '' };
		expect(parse(v).equipmentStores[0]).not.toHaveProperty('location');
		v.equipmentStores[0]!.location = { position: 'behind the pavilion' };
		expect(storeLocationErrors(v)).toEqual([
			{ path: 'equipmentStores.0.location', message: expect.any(String) }
		]);
	});

	it("reads a draft kept before stores had a location field, keeping the store's saved point", () => {
		const old = values();
		const legacy = {
			...old,
			equipmentStores: old.equipmentStores.map(({ saved, ...s }) => ({ ...s, location: saved }))
		};
		const upgraded = upgradeGroupDraft(legacy as unknown as ReturnType<typeof values>);
		expect(upgraded.equipmentStores[0]?.location.position).toMatch(/^NY \d{5} \d{5}$/);
		expect(parse(upgraded).equipmentStores).toEqual(keswickGroup.equipmentStores);
	});
});
