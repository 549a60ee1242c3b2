import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, describeCounts, inBounds, PointIndex } from './clusters';
import type { MapLayerId, MapPoint } from './points';

function at(key: string, lat: number, lon: number, layer: MapLayerId = 'assets'): MapPoint {
	return {
		key,
		recordId: key,
		recordType: 'asset',
		layer,
		category: layer === 'assets' ? 'place' : 'visit',
		areaId: 'allerdale',
		status: 'published',
		statusLabel: 'Published',
		lat,
		lon,
		title: key,
		detail: ''
	};
}

const CUMBRIA = { west: -3.7, south: 54.0, east: -2.1, north: 55.2 };
const KESWICK = { lat: 54.6005, lon: -3.134 };
const KENDAL = { lat: 54.3269, lon: -2.7453 };

describe('clustering', () => {
	// A hundred points around Keswick (within ~200 m) and one in Kendal.
	const points = [
		...Array.from({ length: 100 }, (_, i) =>
			at(
				`k${i}`,
				KESWICK.lat + (i % 10) * 0.0002,
				KESWICK.lon + Math.floor(i / 10) * 0.0003,
				i < 90 ? 'assets' : 'visits'
			)
		),
		at('kendal', KENDAL.lat, KENDAL.lon)
	];
	const index = new PointIndex(points);

	it('groups close points into one cluster that says what it holds, and keeps a lone point apart', () => {
		const items = index.itemsIn(CUMBRIA, 9);
		expect(items).toHaveLength(2);
		const cluster = items.find((i) => i.kind === 'cluster');
		expect(cluster).toMatchObject({
			count: 100,
			layers: { assets: 90, visits: 10, floodGroups: 0, referrals: 0 }
		});
		expect(items.find((i) => i.kind === 'point')).toMatchObject({
			key: 'kendal',
			point: { title: 'kendal' }
		});
		if (cluster?.kind !== 'cluster') throw new Error('no cluster');
		expect(index.pointsIn(cluster.clusterId)).toHaveLength(100);
		expect(index.pointsIn(cluster.clusterId, 5)).toHaveLength(5);
		expect(index.expansionZoom(cluster.clusterId)).toBeGreaterThan(9);
	});

	it('draws only what is in view, and every point on its own past the last clustering zoom', () => {
		const kendalOnly = { west: -2.8, south: 54.3, east: -2.7, north: 54.35 };
		expect(index.itemsIn(kendalOnly, 9).map((i) => i.key)).toEqual(['kendal']);
		const close = index.itemsIn(CUMBRIA, CLUSTER_MAX_ZOOM + 1);
		expect(close).toHaveLength(101);
		expect(close.every((i) => i.kind === 'point')).toBe(true);
	});

	it('keeps 10,000 points in a few hundred markers at county zoom', () => {
		const many = Array.from({ length: 10_000 }, (_, i) =>
			at(`p${i}`, 54.0 + ((i * 7919) % 1000) / 1000, -3.6 + ((i * 104729) % 1500) / 1000)
		);
		const items = new PointIndex(many).itemsIn({ west: -4, south: 53.8, east: -1.8, north: 55.3 }, 9);
		const total = items.reduce((sum, i) => sum + (i.kind === 'cluster' ? i.count : 1), 0);
		expect(total).toBe(10_000);
		expect(items.length).toBeLessThan(400);
	});

	it('says what a cluster holds in words, and whether a point is in view', () => {
		const words = {
			assets: ['community asset', 'community assets'],
			floodGroups: ['flood group place', 'flood group places'],
			visits: ['visit', 'visits'],
			referrals: ['referral', 'referrals']
		} satisfies Record<MapLayerId, [string, string]>;
		expect(describeCounts({ assets: 9, floodGroups: 0, visits: 1, referrals: 0 }, words)).toBe(
			'9 community assets, 1 visit'
		);
		expect(inBounds(KESWICK, CUMBRIA)).toBe(true);
		expect(inBounds({ lat: 51.5, lon: -0.1 }, CUMBRIA)).toBe(false);
	});
});
