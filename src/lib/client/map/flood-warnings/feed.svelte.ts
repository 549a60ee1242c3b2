import { freshness, type FloodWarning, type Freshness } from '$lib/domain/map/flood-warnings';
import { FloodWarningsDatabase } from './database';
import { FloodWarningsService, type FloodWarningsSnapshot } from './service';

/** How often the feed looks at the clock: it asks the agency only when 15 minutes have passed. */
const TICK_MS = 60_000;

let database: FloodWarningsDatabase | undefined;

/**
 * Flood warnings as the screens show them: the kept warnings at once, then updated while the page
 * is open and the device online (the service keeps to one request per 15 minutes), with how
 * current they are in words.
 */
export class FloodWarningsFeed {
	readonly #service: FloodWarningsService;
	#snapshot = $state<FloodWarningsSnapshot | null>(null);
	#online = $state(true);
	#nowMs = $state(Date.now());

	constructor(service: FloodWarningsService) {
		this.#service = service;
	}

	/** The feed for this browser, asking the configured Environment Agency API. */
	static forBrowser(baseUrl: string): FloodWarningsFeed {
		database ??= new FloodWarningsDatabase();
		return new FloodWarningsFeed(new FloodWarningsService({ db: database, baseUrl, locks: navigator.locks }));
	}

	get loaded(): boolean {
		return this.#snapshot !== null;
	}
	get warnings(): FloodWarning[] {
		return this.#snapshot?.warnings ?? [];
	}
	get snapshot(): FloodWarningsSnapshot | null {
		return this.#snapshot;
	}
	/** Why the last update failed, in words, or null. */
	get problem(): string | null {
		return this.#snapshot?.problem ?? null;
	}
	/** The time as the screen last looked, so "today" and "may be out of date" move on. */
	get now(): Date {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a new value each read, never mutated
		return new Date(this.#nowMs);
	}
	get freshness(): Freshness {
		return freshness({
			fetchedAt: this.#snapshot?.fetchedAt ?? null,
			now: this.now,
			online: this.#online,
			problem: this.problem
		});
	}

	/** Show the kept warnings, then keep them up to date until the returned function is called. */
	start(target: Window = window): () => void {
		this.#online = target.navigator.onLine;
		const tick = () => {
			this.#nowMs = Date.now();
			void this.#update();
		};
		const onOnline = () => {
			this.#online = target.navigator.onLine;
			tick();
		};
		void this.#service.read().then((snapshot) => {
			this.#snapshot ??= snapshot;
			tick();
		});
		const timer = target.setInterval(tick, TICK_MS);
		target.addEventListener('online', onOnline);
		target.addEventListener('offline', onOnline);
		return () => {
			target.clearInterval(timer);
			target.removeEventListener('online', onOnline);
			target.removeEventListener('offline', onOnline);
		};
	}

	async #update(): Promise<void> {
		if (!this.#online) return;
		this.#snapshot = await this.#service.update();
		this.#nowMs = Date.now();
	}
}
