import type { Place } from './places';

/** The river or beck each town floods from, for activation titles and plan triggers. */
const RIVERS: Readonly<Record<string, string>> = {
	Keswick: 'River Greta',
	Cockermouth: 'River Cocker',
	Workington: 'River Derwent',
	Maryport: 'River Ellen',
	Wigton: 'Wiza Beck',
	Aspatria: 'River Ellen',
	Carlisle: 'River Eden',
	Brampton: 'River Irthing',
	Longtown: 'River Esk',
	Dalston: 'River Caldew',
	Whitehaven: 'Pow Beck',
	Egremont: 'River Ehen',
	'Cleator Moor': 'River Ehen',
	Penrith: 'River Eamont',
	'Appleby-in-Westmorland': 'River Eden',
	Alston: 'River South Tyne',
	'Kirkby Stephen': 'River Eden',
	Glenridding: 'Glenridding Beck',
	Kendal: 'River Kent',
	Ambleside: 'River Rothay',
	Ulverston: 'Town Beck',
	Sedbergh: 'River Rawthey',
	'Kirkby Lonsdale': 'River Lune',
	'Dalton-in-Furness': 'Poaka Beck'
};

export function riverOf(place: Place): string {
	return RIVERS[place.name] ?? `becks around ${place.name}`;
}
