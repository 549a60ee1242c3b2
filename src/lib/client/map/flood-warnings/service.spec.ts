import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FloodWarningsDatabase } from './database';
import { FloodWarningsService } from './service';

const BASE = 'http://ea.test/flood-monitoring';

function warning(code: string, severityLevel: number) {
	return { floodAreaID: code, severityLevel, description: `Area ${code}`, timeRaised: '2026-01-20T06:00:00' };
}

/** The Environment Agency in a function: answers are set per test; every request is recorded. */
function agency() {
	const requested: string[] = [];
	const state = {
		floods: { items: [warning('011FWFNC6KC', 2)] } as unknown,
		status: 200,
		down: false,
		areas: { '011FWFNC6KC': { lat: 54.6, long: -3.13, label: 'Keswick' } } as Record<string, object>
	};
	const fetcher = async (input: RequestInfo | URL): Promise<Response> => {
		const url = String(input);
		requested.push(url);
		if (state.down) throw new TypeError('Failed to fetch');
		const area = /\/id\/floodAreas\/(.+)$/.exec(url)?.[1];
		if (area) {
			const item = state.areas[area];
			return item ? Response.json({ items: { notation: area, ...item } }) : new Response('', { status: 404 });
		}
		return typeof state.floods === 'string'
			? new Response(state.floods, { status: state.status })
			: Response.json(state.floods, { status: state.status });
	};
	return { fetch: fetcher as typeof fetch, requested, state };
}

describe('FloodWarningsService', () => {
	let db: FloodWarningsDatabase;
	let clock: Date;
	let ea: ReturnType<typeof agency>;
	let service: FloodWarningsService;
	const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

	beforeEach(() => {
		db = new FloodWarningsDatabase(`flood-${Math.random()}`);
		clock = new Date('2026-01-20T10:00:00Z');
		ea = agency();
		service = new FloodWarningsService({ db, baseUrl: BASE, fetch: ea.fetch, now: () => clock });
	});
	afterEach(async () => {
		await db.delete();
	});

	it('fetches Cumbria’s warnings, keeps them with the time, and places their areas', async () => {
		const snapshot = await service.update();
		expect(ea.requested).toEqual([`${BASE}/id/floods?county=Cumbria`, `${BASE}/id/floodAreas/011FWFNC6KC`]);
		expect(snapshot).toMatchObject({
			fetchedAt: '2026-01-20T10:00:00.000Z',
			problem: null,
			warnings: [{ floodAreaId: '011FWFNC6KC', severityLevel: 2, place: 'Area 011FWFNC6KC' }]
		});
		expect(snapshot.places.get('011FWFNC6KC')).toMatchObject({ lat: 54.6, lon: -3.13 });
		// Kept on the device: a new page reads them without asking.
		const reopened = new FloodWarningsService({ db, baseUrl: BASE, fetch: ea.fetch });
		expect((await reopened.read()).warnings).toHaveLength(1);
	});

	it('asks no more than once every 15 minutes, and looks each area up once', async () => {
		await service.update();
		later(14);
		await service.update();
		expect(ea.requested.filter((u) => u.includes('/id/floods'))).toHaveLength(1);
		later(1);
		await service.update();
		expect(ea.requested.filter((u) => u.includes('/id/floods'))).toHaveLength(2);
		expect(ea.requested.filter((u) => u.includes('/id/floodAreas'))).toHaveLength(1);
	});

	it('keeps the last good warnings when the agency cannot be reached, and says so', async () => {
		await service.update();
		ea.state.down = true;
		later(15);
		const snapshot = await service.update();
		expect(snapshot).toMatchObject({
			fetchedAt: '2026-01-20T10:00:00.000Z',
			lastAttemptAt: '2026-01-20T10:15:00.000Z',
			problem: 'Could not reach the Environment Agency.',
			warnings: [{ floodAreaId: '011FWFNC6KC' }]
		});
		// A failed attempt counts too: no retry storm.
		later(5);
		await service.update();
		expect(ea.requested.filter((u) => u.includes('/id/floods'))).toHaveLength(2);
	});

	it('never replaces warnings with a malformed answer, and names the fault', async () => {
		await service.update();
		later(15);
		ea.state.floods = { items: [warning('X', 9)] };
		expect(await service.update()).toMatchObject({
			problem: expect.stringMatching(/cannot read \(items\.0\.severityLevel must be 1, 2, 3 or 4\)/),
			warnings: [{ floodAreaId: '011FWFNC6KC' }]
		});
		later(15);
		ea.state.floods = '<html>busy</html>';
		expect((await service.update()).problem).toBe(
			'The Environment Agency sent flood warnings Fellside cannot read (not JSON).'
		);
		later(15);
		ea.state.floods = {};
		ea.state.status = 503;
		expect((await service.update()).problem).toBe(
			'The Environment Agency could not send flood warnings (it answered 503).'
		);
	});

	it('clears the problem with the next good answer, and an empty list means no warnings in force', async () => {
		ea.state.down = true;
		await service.update();
		ea.state.down = false;
		ea.state.floods = { items: [] };
		later(15);
		expect(await service.update()).toMatchObject({
			problem: null,
			warnings: [],
			fetchedAt: clock.toISOString()
		});
	});

	it('lists a warning whose area cannot be placed, and tries to place it again later', async () => {
		ea.state.floods = { items: [warning('UNKNOWN', 3)] };
		const first = await service.update();
		expect(first.warnings).toHaveLength(1);
		expect(first.places.size).toBe(0);
		later(15);
		await service.update();
		expect(ea.requested.filter((u) => u.endsWith('/id/floodAreas/UNKNOWN'))).toHaveLength(2);
	});
});
