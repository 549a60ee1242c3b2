import { describe, expect, it } from 'vitest';
import { placesInView } from './in-view';
import type { MapPoint } from './points';

const at = (key: string, lat: number, lon: number) => ({ key, title: key, lat, lon }) as MapPoint;

describe('the places in view', () => {
	const bounds = { west: -3.2, south: 54.5, east: -3.0, north: 54.7 };
	const points = [
		at('far corner', 54.69, -3.19),
		at('outside', 54.8, -3.1),
		at('centre', 54.6, -3.1),
		at('near', 54.61, -3.1),
		at('east', 54.6, -3.05)
	];

	it('counts every place in view and lists the nearest the centre first', () => {
		expect(placesInView(points, bounds, 10)).toEqual({
			total: 4,
			nearest: [points[2], points[3], points[4], points[0]]
		});
	});

	it('keeps only as many as asked for, still nearest first', () => {
		const many = Array.from({ length: 5000 }, (_, i) =>
			at(`p${i}`, 54.5 + ((i * 37) % 200) / 1000, -3.2 + ((i * 91) % 200) / 1000)
		);
		const { total, nearest } = placesInView(many, bounds, 20);
		expect(total).toBe(5000);
		const squash = Math.cos((54.6 * Math.PI) / 180) ** 2;
		const d = (p: MapPoint) => (p.lat - 54.6) ** 2 + squash * (p.lon + 3.1) ** 2;
		const expected = [...many].sort((a, b) => d(a) - d(b)).slice(0, 20);
		expect(nearest.map(d)).toEqual(expected.map(d));
	});
});
