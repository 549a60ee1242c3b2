import {
	FLOOD_WARNINGS_COUNTY,
	floodAreaUrl,
	floodWarningsUrl,
	parseFloodArea,
	parseFloodWarnings,
	pollDue,
	type FloodAreaPlace,
	type FloodWarning,
	type Parsed
} from '$lib/domain/map/flood-warnings';
import type { FloodWarningsDatabase, FloodWarningsState } from './database';

/** A slow answer counts as no answer: field staff should see the kept warnings, not a spinner. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Areas looked up per update: a big event's many new areas are placed over a few polls. */
const PLACES_PER_UPDATE = 20;

export interface FloodWarningsSnapshot extends FloodWarningsState {
	places: Map<string, FloodAreaPlace>;
}

export interface FloodWarningsDeps {
	db: FloodWarningsDatabase;
	/** The Environment Agency flood-monitoring API root. */
	baseUrl: string;
	fetch?: typeof fetch;
	now?: () => Date;
	/** Serialises updates across tabs (the Web Locks API), so two tabs do not both ask. */
	locks?: Pick<LockManager, 'request'>;
}

/**
 * The Environment Agency's flood warnings for Cumbria on this device: asked for at most every 15
 * minutes (every attempt counts, good or bad), kept with the time they were received, and never
 * replaced by a failed or malformed answer.
 */
export class FloodWarningsService {
	readonly #deps: FloodWarningsDeps;

	constructor(deps: FloodWarningsDeps) {
		this.#deps = deps;
	}

	async read(): Promise<FloodWarningsSnapshot> {
		const { db } = this.#deps;
		const [state, places] = await Promise.all([db.state.get(FLOOD_WARNINGS_COUNTY), db.places.toArray()]);
		return {
			...(state ?? {
				county: FLOOD_WARNINGS_COUNTY,
				warnings: [],
				fetchedAt: null,
				lastAttemptAt: null,
				problem: null
			}),
			places: new Map(places.map((p) => [p.code, p]))
		};
	}

	/** Ask the Environment Agency when 15 minutes have passed since the last attempt; the result either way. */
	async update(): Promise<FloodWarningsSnapshot> {
		const { locks } = this.#deps;
		if (locks) return locks.request('fellside-flood-warnings', () => this.#updateNow());
		return this.#updateNow();
	}

	async #updateNow(): Promise<FloodWarningsSnapshot> {
		const before = await this.read();
		const now = this.#now();
		if (!pollDue(before.lastAttemptAt, now)) return before;
		const { db, baseUrl } = this.#deps;
		// The attempt is written down first: a crash or a second tab must not ask again at once.
		await db.state.put({ ...stateOf(before), lastAttemptAt: now.toISOString() });

		const answer = await this.#get(floodWarningsUrl(baseUrl), parseFloodWarnings, 'flood warnings');
		if (!answer.ok) {
			await db.state.update(FLOOD_WARNINGS_COUNTY, { problem: answer.problem });
		} else {
			await db.state.update(FLOOD_WARNINGS_COUNTY, {
				warnings: answer.value,
				fetchedAt: now.toISOString(),
				problem: null
			});
			await this.#placeAreas(answer.value, before.places);
		}
		return this.read();
	}

	/** Look up where the warned areas are, for the ones this device has not placed yet. */
	async #placeAreas(warnings: FloodWarning[], known: Map<string, FloodAreaPlace>): Promise<void> {
		const missing = [...new Set(warnings.map((w) => w.floodAreaId))].filter((code) => !known.has(code));
		for (const code of missing.slice(0, PLACES_PER_UPDATE)) {
			const place = await this.#get(floodAreaUrl(this.#deps.baseUrl, code), parseFloodArea, 'flood area');
			// An area that cannot be placed is still listed; it is looked up again next time.
			if (place.ok) await this.#deps.db.places.put({ ...place.value, code });
		}
	}

	async #get<T>(url: string, parse: (body: unknown) => Parsed<T>, what: string): Promise<Parsed<T>> {
		let response: Response;
		try {
			response = await (this.#deps.fetch ?? fetch)(url, {
				headers: { accept: 'application/json' },
				credentials: 'omit',
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
			});
		} catch {
			return { ok: false, problem: 'Could not reach the Environment Agency.' };
		}
		if (!response.ok) {
			return {
				ok: false,
				problem: `The Environment Agency could not send ${what} (it answered ${response.status}).`
			};
		}
		let body: unknown;
		try {
			body = await response.json();
		} catch {
			return { ok: false, problem: `The Environment Agency sent ${what} Fellside cannot read (not JSON).` };
		}
		return parse(body);
	}

	#now(): Date {
		return this.#deps.now?.() ?? new Date();
	}
}

function stateOf(snapshot: FloodWarningsSnapshot): FloodWarningsState {
	const { county, warnings, fetchedAt, lastAttemptAt, problem } = snapshot;
	return { county, warnings, fetchedAt, lastAttemptAt, problem };
}
