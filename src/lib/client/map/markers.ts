import { ASSET_KIND_LABELS } from '$lib/domain/asset';
import { describeCounts, type MapItem } from './clusters';
import { CATEGORY_LABELS, type MapCategory, type MapLayerId, type MapPoint } from './points';

/**
 * How each kind of thing looks on the map. Colour tells the layer at a glance; the letter tells the kind
 * without relying on colour (WCAG 1.4.1), and the legend spells both out.
 */
export const CATEGORY_GLYPHS: Record<MapCategory, string> = {
	place: 'P',
	association: 'G',
	institution: 'I',
	economic: '£',
	cultural: 'C',
	skill: 'S',
	floodGroup: 'F',
	equipmentStore: 'E',
	visit: 'V',
	referral: 'R'
};

/** Every marker the legend explains, layer by layer. */
export const LEGEND: { layer: MapLayerId; categories: MapCategory[] }[] = [
	{
		layer: 'assets',
		categories: Object.keys(ASSET_KIND_LABELS).filter((k) => k !== 'skill') as MapCategory[]
	},
	{ layer: 'floodGroups', categories: ['floodGroup', 'equipmentStore'] },
	{ layer: 'visits', categories: ['visit'] },
	{ layer: 'referrals', categories: ['referral'] }
];

const COUNT_WORDS: Record<MapLayerId, [string, string]> = {
	assets: ['community asset', 'community assets'],
	floodGroups: ['flood group place', 'flood group places'],
	visits: ['Safe and Well visit', 'Safe and Well visits'],
	referrals: ['coach referral', 'coach referrals']
};

/** What a screen reader says for a marker. */
export function markerLabel(item: MapItem): string {
	if (item.kind === 'point') return `${item.point.title}: ${CATEGORY_LABELS[item.point.category]}`;
	return `${item.count} places here (${describeCounts(item.layers, COUNT_WORDS)}). Show them`;
}

/** A marker's button. Built as DOM, never as HTML text: titles are typed by people. */
export function markerButton(item: MapItem): HTMLButtonElement {
	const button = document.createElement('button');
	button.type = 'button';
	button.setAttribute('aria-label', markerLabel(item));
	const face = document.createElement('span');
	face.setAttribute('aria-hidden', 'true');
	if (item.kind === 'point') {
		button.className = `map-marker map-marker--${item.point.layer}`;
		button.dataset.key = item.point.key;
		face.textContent = CATEGORY_GLYPHS[item.point.category];
	} else {
		button.className = 'map-cluster';
		face.textContent = shortCount(item.count);
	}
	button.append(face);
	return button;
}

/** What decides whether a drawn marker can stay as it is when the points change. */
export function markerSignature(item: MapItem): string {
	const at = `${item.lat.toFixed(6)},${item.lon.toFixed(6)}`;
	if (item.kind === 'cluster') return `${item.key}|${at}|${item.count}|${markerLabel(item)}`;
	const p: MapPoint = item.point;
	return `${item.key}|${at}|${p.category}|${p.title}`;
}

function shortCount(count: number): string {
	return count >= 10_000
		? `${Math.round(count / 1000)}k`
		: count >= 1000
			? `${(count / 1000).toFixed(1)}k`
			: String(count);
}
