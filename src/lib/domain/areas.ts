import { z } from 'zod';

/**
 * Cumbria's six Local Committee areas. Since 2023 they sit under two unitary councils, but area
 * working (and so scoping of records and staff) still runs through these six.
 */
export const AREAS = [
	{ id: 'allerdale', name: 'Allerdale', council: 'Cumberland' },
	{ id: 'barrow', name: 'Barrow', council: 'Westmorland and Furness' },
	{ id: 'carlisle', name: 'Carlisle', council: 'Cumberland' },
	{ id: 'copeland', name: 'Copeland', council: 'Cumberland' },
	{ id: 'eden', name: 'Eden', council: 'Westmorland and Furness' },
	{ id: 'south-lakeland', name: 'South Lakeland', council: 'Westmorland and Furness' }
] as const;

export const areaIdSchema = z.enum(
	['allerdale', 'barrow', 'carlisle', 'copeland', 'eden', 'south-lakeland'],
	{
		error: 'Choose one of the six Local Committee areas'
	}
);
export type AreaId = z.infer<typeof areaIdSchema>;
export type Area = (typeof AREAS)[number];

export function areaName(id: AreaId): string {
	return AREAS.find((a) => a.id === id)?.name ?? id;
}
