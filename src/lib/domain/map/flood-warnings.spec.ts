import { describe, expect, it } from 'vitest';
import {
	floodAreaUrl,
	floodWarningsUrl,
	freshness,
	msUntilPoll,
	parseFloodArea,
	parseFloodWarnings,
	pollDue,
	timeWords
} from './flood-warnings';

/** An /id/floods item as the Environment Agency writes it (fields Fellside ignores included). */
function item(overrides: Record<string, unknown> = {}) {
	return {
		'@id': 'http://environment.data.gov.uk/flood-monitoring/id/floods/011FWFNC6KC',
		description: 'River Derwent at Keswick',
		eaAreaName: 'Cumbria and Lancashire',
		eaRegionName: 'No longer used',
		floodArea: {
			'@id': 'http://environment.data.gov.uk/flood-monitoring/id/floodAreas/011FWFNC6KC',
			county: 'Cumbria',
			notation: '011FWFNC6KC',
			polygon: 'http://environment.data.gov.uk/flood-monitoring/id/floodAreas/011FWFNC6KC/polygon',
			riverOrSea: 'River Derwent'
		},
		floodAreaID: '011FWFNC6KC',
		isTidal: false,
		message: 'River levels are rising. ',
		severity: 'Flood warning',
		severityLevel: 2,
		timeMessageChanged: '2026-01-20T06:10:00',
		timeRaised: '2026-01-20T06:10:00',
		timeSeverityChanged: '2026-01-20T06:10:00',
		...overrides
	};
}

describe('parseFloodWarnings', () => {
	it('reads an Environment Agency answer, most severe first, then newest', () => {
		const parsed = parseFloodWarnings({
			'@context': 'http://environment.data.gov.uk/flood-monitoring/meta/context.jsonld',
			meta: { publisher: 'Environment Agency' },
			items: [
				item({ floodAreaID: 'A', severityLevel: 3, timeRaised: '2026-01-20T07:00:00' }),
				item({ floodAreaID: 'B', severityLevel: 1 }),
				item({ floodAreaID: 'C', severityLevel: 3, timeRaised: '2026-01-20T08:00:00' }),
				item({ floodAreaID: 'D', severityLevel: 4, description: undefined, message: null })
			]
		});
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.value.map((w) => w.floodAreaId)).toEqual(['B', 'C', 'A', 'D']);
		expect(parsed.value[0]).toEqual({
			floodAreaId: 'B',
			place: 'River Derwent at Keswick',
			severityLevel: 1,
			eaAreaName: 'Cumbria and Lancashire',
			riverOrSea: 'River Derwent',
			message: 'River levels are rising.',
			isTidal: false,
			timeRaised: '2026-01-20T06:10:00',
			timeChanged: '2026-01-20T06:10:00'
		});
		// Without a description the area's code names the place.
		expect(parsed.value[3]).toMatchObject({ place: 'D', message: null });
	});

	it('reads an empty list: no warnings in force', () => {
		expect(parseFloodWarnings({ items: [] })).toEqual({ ok: true, value: [] });
	});

	it.each([
		[null, /cannot read \(Invalid input: expected object, received null\)/],
		[{ items: 'none' }, /\(items /],
		[{ items: [item({ severityLevel: 7 })] }, /items\.0\.severityLevel must be 1, 2, 3 or 4/],
		[{ items: [item({ floodAreaID: 42 })] }, /items\.0\.floodAreaID/],
		[{ items: [item({ timeRaised: 'yesterday' })] }, /items\.0\.timeRaised is not a date and time/]
	])('names what is wrong in a malformed answer %#', (body, problem) => {
		const parsed = parseFloodWarnings(body);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.problem).toMatch(/^The Environment Agency sent flood warnings Fellside cannot read/);
			expect(parsed.problem).toMatch(problem);
		}
	});
});

describe('parseFloodArea', () => {
	const area = {
		'@id': 'http://environment.data.gov.uk/flood-monitoring/id/floodAreas/011FWFNC6KC',
		notation: '011FWFNC6KC',
		label: 'River Derwent at Keswick',
		lat: 54.6,
		long: -3.13,
		quickDialNumber: '172123'
	};

	it('reads one area, wrapped or in a list of one', () => {
		const expected = {
			code: '011FWFNC6KC',
			label: 'River Derwent at Keswick',
			lat: 54.6,
			lon: -3.13,
			quickDial: '172123'
		};
		expect(parseFloodArea({ items: area })).toEqual({ ok: true, value: expected });
		expect(parseFloodArea({ items: [area] })).toEqual({ ok: true, value: expected });
	});

	it('refuses an area without a place', () => {
		const parsed = parseFloodArea({ items: { ...area, lat: 'north' } });
		expect(parsed).toMatchObject({ ok: false });
	});
});

describe('addresses', () => {
	it('asks for Cumbria’s warnings and one area by its code', () => {
		expect(floodWarningsUrl('https://environment.data.gov.uk/flood-monitoring')).toBe(
			'https://environment.data.gov.uk/flood-monitoring/id/floods?county=Cumbria'
		);
		expect(floodAreaUrl('http://127.0.0.1:9/ea', '011FWFNC6KC')).toBe(
			'http://127.0.0.1:9/ea/id/floodAreas/011FWFNC6KC'
		);
	});
});

describe('polling', () => {
	const now = new Date('2026-01-20T10:00:00Z');

	it('asks no more than once every 15 minutes', () => {
		expect(pollDue(null, now)).toBe(true);
		expect(pollDue('2026-01-20T09:50:00Z', now)).toBe(false);
		expect(msUntilPoll('2026-01-20T09:50:00Z', now)).toBe(5 * 60 * 1000);
		expect(pollDue('2026-01-20T09:45:00Z', now)).toBe(true);
	});

	it('is not stopped for good by a clock set back', () => {
		expect(pollDue('2026-01-21T10:00:00Z', now)).toBe(true);
	});
});

describe('freshness', () => {
	const now = new Date('2026-01-20T10:00:00Z');
	const fetchedAt = '2026-01-20T09:42:00Z';

	it('is current when fetched within the last two polls', () => {
		expect(freshness({ fetchedAt, now, online: true, problem: null })).toEqual({
			stale: false,
			text: 'Last updated 09:42 today'
		});
	});

	it('is marked stale offline, after a failed update, and when old', () => {
		expect(freshness({ fetchedAt, now, online: false, problem: null })).toEqual({
			stale: true,
			text: 'Last updated 09:42 today — you are offline'
		});
		expect(freshness({ fetchedAt, now, online: true, problem: 'x' }).text).toBe(
			'Last updated 09:42 today — could not update just now'
		);
		expect(freshness({ fetchedAt: '2026-01-20T09:00:00Z', now, online: true, problem: null })).toEqual({
			stale: true,
			text: 'Last updated 09:00 today — these may be out of date'
		});
	});

	it('says when there is nothing on the device yet', () => {
		expect(freshness({ fetchedAt: null, now, online: false, problem: null }).text).toBe(
			'No flood warnings on this device yet — you are offline'
		);
		expect(freshness({ fetchedAt: null, now, online: true, problem: null })).toEqual({
			stale: false,
			text: 'Checking for flood warnings…'
		});
	});

	it('writes times in UK time, and EA times without a zone as written', () => {
		const summer = new Date('2026-07-01T12:00:00Z');
		expect(timeWords('2026-07-01T08:05:00Z', summer)).toBe('09:05 today');
		expect(timeWords('2026-06-30T23:30:00Z', summer)).toBe('00:30 today');
		expect(timeWords('2026-06-30T08:05:00', summer)).toBe('08:05 yesterday');
		expect(timeWords('2026-03-03T08:05:00', summer)).toBe('08:05 on 3 March 2026');
	});
});
