import { describe, expect, it } from 'vitest';
import { exampleAsset, exampleSkill } from '$lib/domain/asset/fixtures';
import { keswickGroup } from '$lib/domain/flood/fixtures';
import { exampleReferral } from '$lib/domain/referral/fixtures';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import type { RecordEnvelope, RecordType } from '$lib/domain/records';
import { ALL_LAYERS, filterPoints, layersFromQuery, statusChoices, statusValue } from './filters';
import { describePoint, detailBesideKind, mapPoints } from './points';

const AT = '2026-01-20T09:00:00.000Z';
let counter = 0;
function envelope(type: RecordType, data: object, id?: string): RecordEnvelope {
	counter++;
	return {
		id: id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
		type,
		areaId: 'allerdale',
		createdAt: AT,
		updatedAt: AT,
		data: data as Record<string, unknown>
	};
}

const VISIT_ID = '11111111-1111-4111-8111-111111111111';
const visit = exampleVisit();
const visitRecord = envelope('visit', visit, VISIT_ID);

describe('map points', () => {
	it('puts an asset and a visit at their own locations, with their title, status and accuracy', () => {
		const asset = exampleAsset();
		const { points, unreadable } = mapPoints([envelope('asset', asset), visitRecord]);
		expect(unreadable).toBe(0);
		expect(points).toEqual([
			expect.objectContaining({
				layer: 'assets',
				category: asset.kind,
				title: asset.name,
				lat: asset.location?.lat,
				lon: asset.location?.lon,
				status: asset.lifecycle
			}),
			expect.objectContaining({
				key: VISIT_ID,
				layer: 'visits',
				category: 'visit',
				lat: visit.location?.lat,
				accuracyM: visit.location?.accuracyM,
				statusLabel: expect.any(String)
			})
		]);
		expect(points[0]?.placedBy).toBeUndefined();
		// The asset's details already start with its kind; the visit's do not.
		expect(points[0] && describePoint(points[0])).toBe(points[0]?.detail);
		expect(points[0] && detailBesideKind(points[0])).toBe(
			points[0]?.detail.replace(/^Physical place · /, '')
		);
		expect(points[1] && describePoint(points[1])).toMatch(/^Safe and Well visit · /);
	});

	it('leaves off a skill (no home is listed) and counts a record it cannot read', () => {
		const broken = envelope('asset', { name: 'No kind', location: { lat: 54.6, lon: -3.1 } });
		const { points, unreadable } = mapPoints([envelope('asset', exampleSkill()), broken]);
		expect(points).toEqual([]);
		expect(unreadable).toBe(1);
	});

	it('shows a flood group at its town and each located equipment store, linking to the group', () => {
		const group = envelope('floodGroup', keswickGroup);
		const keswick = { lat: 54.6005, lon: -3.134 };
		const { points } = mapPoints([group], { townAt: (town) => (town === 'Keswick' ? keswick : undefined) });
		expect(points.map((p) => [p.category, p.key, p.recordId, p.lat])).toEqual([
			['floodGroup', group.id, group.id, keswick.lat],
			['equipmentStore', `${group.id}/store/fitz-park`, group.id, 54.6037]
		]);
		expect(points[0]?.placedBy).toBe('Shown at the centre of Keswick');
		expect(points[1]).toMatchObject({
			title: 'Fitz Park pavilion store',
			detail: `Equipment store of ${keswickGroup.name}`
		});
		// An unknown town: only the stores.
		expect(mapPoints([group]).points.map((p) => p.category)).toEqual(['equipmentStore']);
	});

	it('shows a referral at the home of its visit only while both give the same postcode', () => {
		const referral = exampleReferral({
			visitId: VISIT_ID,
			person: {
				...exampleReferral().person,
				address: { ...visit.address, postcode: visit.address.postcode.toLowerCase() }
			}
		});
		const placed = mapPoints([visitRecord, envelope('referral', referral)]).points.find(
			(p) => p.layer === 'referrals'
		);
		expect(placed).toMatchObject({
			lat: visit.location?.lat,
			lon: visit.location?.lon,
			placedBy: expect.stringContaining('visit')
		});

		const moved = {
			...referral,
			person: { ...referral.person, address: { ...referral.person.address, postcode: 'LA9 4DQ' } }
		};
		expect(
			mapPoints([visitRecord, envelope('referral', moved)]).points.some((p) => p.layer === 'referrals')
		).toBe(false);
		// Its visit not on this device: not shown.
		expect(mapPoints([envelope('referral', referral)]).points).toEqual([]);
	});
});

describe('map filters', () => {
	const place = exampleAsset({ kind: 'place' });
	const shop = exampleAsset({ kind: 'economic', name: 'Village shop' });
	const { points } = mapPoints([
		envelope('asset', place),
		envelope('asset', shop),
		{ ...visitRecord, areaId: 'eden' }
	]);

	it('shows only the layers that are on, and the asset kinds chosen', () => {
		expect(filterPoints(points, ALL_LAYERS)).toHaveLength(3);
		expect(filterPoints(points, { ...ALL_LAYERS, layers: ['visits'] }).map((p) => p.layer)).toEqual([
			'visits'
		]);
		expect(filterPoints(points, { ...ALL_LAYERS, assetKinds: ['economic'] }).map((p) => p.title)).toEqual([
			'Village shop',
			expect.any(String)
		]);
	});

	it('filters by area, and by one layer status without hiding the other layers', () => {
		expect(filterPoints(points, { ...ALL_LAYERS, areaId: 'eden' }).map((p) => p.layer)).toEqual(['visits']);
		const status = statusValue('visits', 'closed');
		expect(filterPoints(points, { ...ALL_LAYERS, status }).map((p) => p.layer)).toEqual(['assets', 'assets']);
		const own = statusValue('visits', visit.status);
		expect(filterPoints(points, { ...ALL_LAYERS, status: own })).toHaveLength(3);
	});

	it("reads the layers to show from the map's address", () => {
		expect(layersFromQuery(null)).toEqual(ALL_LAYERS.layers);
		expect(layersFromQuery('visits, assets,nonsense')).toEqual(['assets', 'visits']);
		expect(layersFromQuery('')).toEqual([]);
	});

	it('offers the statuses of the layers that are on, in words', () => {
		const choices = statusChoices(['visits', 'assets']);
		expect(choices.map((c) => c.layer)).toEqual(['assets', 'visits']);
		expect(choices[1]?.options).toContainEqual({ value: 'visits:noAccess', label: 'No access' });
	});
});
