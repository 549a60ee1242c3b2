import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, describeCounts, inBounds, MARKER_SPACING_PX, PointIndex } from './clusters';
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
		expect(index.pointsIn(cluster)).toHaveLength(100);
		expect(index.pointsIn(cluster, 5)).toHaveLength(5);
		expect(index.zoomToOpen(cluster, 9, 18)).toBeGreaterThan(9);
	});

	it('never draws two markers closer than the spacing, merging them, and opens a merged one a step at a time', () => {
		// Spread so that supercluster keeps some apart that would still touch on screen.
		const many = Array.from({ length: 3000 }, (_, i) =>
			at(`q${i}`, 54.0 + ((i * 7919) % 1000) / 800, -3.6 + ((i * 104729) % 1500) / 1000)
		);
		const crowded = new PointIndex(many);
		for (const zoom of [8, 9.5, 11, 13]) {
			const items = crowded.itemsIn({ west: -4, south: 53.8, east: -1.8, north: 55.5 }, zoom);
			const scale = 256 * 2 ** zoom;
			const px = items.map((i) => {
				const sin = Math.sin((i.lat * Math.PI) / 180);
				return [
					((i.lon + 180) / 360) * scale,
					(0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
				];
			});
			let closest = Infinity;
			for (let a = 0; a < px.length; a++)
				for (let b = a + 1; b < px.length; b++) {
					const [ax = 0, ay = 0] = px[a] ?? [];
					const [bx = 0, by = 0] = px[b] ?? [];
					closest = Math.min(closest, Math.hypot(ax - bx, ay - by));
				}
			expect(closest).toBeGreaterThanOrEqual(MARKER_SPACING_PX);
			expect(items.reduce((sum, i) => sum + (i.kind === 'cluster' ? i.count : 1), 0)).toBe(3000);
		}
		// Two places 10 m apart, merged even at the closest zoom: listed, not zoomed.
		const pair = new PointIndex([
			at('a', KESWICK.lat, KESWICK.lon),
			at('b', KESWICK.lat + 0.0001, KESWICK.lon)
		]);
		const [merged] = pair.itemsIn(CUMBRIA, 18);
		if (merged?.kind !== 'cluster') throw new Error('not merged');
		expect(merged.points.map((p) => p.key).sort()).toEqual(['a', 'b']);
		expect(pair.zoomToOpen(merged, 18, 18)).toBeNull();
		expect(pair.pointsIn(merged)).toHaveLength(2);
		const [atSeventeen] = pair.itemsIn(CUMBRIA, 17);
		if (atSeventeen?.kind !== 'cluster') throw new Error('not merged');
		expect(pair.zoomToOpen(atSeventeen, 17, 18)).toBe(18);
	});

	it('draws only what is in view, and every point on its own past the last clustering zoom', () => {
		const kendalOnly = { west: -2.8, south: 54.3, east: -2.7, north: 54.35 };
		expect(index.itemsIn(kendalOnly, 9).map((i) => i.key)).toEqual(['kendal']);
		// The hundred near Keswick are 13–20 m apart: at zoom 19 (about 0.2 m a pixel) every one is its own marker.
		const close = index.itemsIn(CUMBRIA, CLUSTER_MAX_ZOOM + 3);
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
