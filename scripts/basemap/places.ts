import type { AreaId } from '../../src/lib/domain/areas';
import { round5, type Pair } from './geometry';
import type { GeoNamesPlace } from './sources';

/**
 * GeoNames tags English places with the ONS (SNAC) code of their district. These are the six former
 * Cumbrian districts, i.e. the Local Committee areas.
 */
export const DISTRICT_CODES: Readonly<Record<string, AreaId>> = {
	'16UB': 'allerdale',
	'16UC': 'barrow',
	'16UD': 'carlisle',
	'16UE': 'copeland',
	'16UF': 'eden',
	'16UG': 'south-lakeland'
};

export type Place = { name: string; area: AreaId; population: number | null; position: Pair };

/** Cumbrian places, largest first then by name, so the output order never depends on the source's order. */
export function cumbrianPlaces(all: readonly GeoNamesPlace[]): Place[] {
	return all
		.filter(
			(p) => p.country === 'GB' && p.adminCode === 'ENG' && p.muni && DISTRICT_CODES[p.muni.slice(0, 4)]
		)
		.map((p) => ({
			name: p.name,
			area: DISTRICT_CODES[(p.muni ?? '').slice(0, 4)] as AreaId,
			population: p.population > 0 ? p.population : null,
			position: [round5(p.loc.coordinates[0]), round5(p.loc.coordinates[1])] as Pair
		}))
		.sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.name.localeCompare(b.name));
}

/** Towns label from the county view (zoom 8); villages only once zoomed into a valley. */
export function minZoomFor(population: number | null): number {
	if (population === null) return 12;
	if (population >= 20_000) return 8;
	if (population >= 5_000) return 9;
	if (population >= 2_000) return 10;
	return 11;
}
