/**
 * The real HTTP transport, with the time it spends measured: in fetch until the answer's last byte
 * (network and server), and in the whole call (adding JSON both ways and the protocol check of the
 * answer). What is left of a sync's time is the device's own work.
 */
import { HttpSyncTransport } from '$lib/client/sync/http-transport';
import type { SyncTransport } from '$lib/client/sync/transport';
import type { FetchRequest, PullRequest, PushRequest } from '$lib/domain/sync/protocol';
import type { Phases } from './api.js';

export class TimedTransport implements SyncTransport {
	readonly #inner: HttpSyncTransport;
	#fetchMs = 0;
	#callMs = 0;
	#requests = 0;

	constructor() {
		this.#inner = new HttpSyncTransport({
			fetcher: async (input, init) => {
				const start = performance.now();
				const response = await fetch(input, init);
				// Read to the last byte here, so the wait for the body counts as the server's.
				const body = await response.arrayBuffer();
				this.#fetchMs += performance.now() - start;
				const { status, statusText, headers } = response;
				return new Response(body, { status, statusText, headers });
			}
		});
	}

	async #timed<T>(call: () => Promise<T>): Promise<T> {
		const start = performance.now();
		this.#requests++;
		try {
			return await call();
		} finally {
			this.#callMs += performance.now() - start;
		}
	}

	push(request: PushRequest) {
		return this.#timed(() => this.#inner.push(request));
	}

	pull(request: PullRequest) {
		return this.#timed(() => this.#inner.pull(request));
	}

	fetch(request: FetchRequest) {
		return this.#timed(() => this.#inner.fetch(request));
	}

	/** The split of a sync that took `totalMs` in all. */
	phases(totalMs: number): Phases {
		return {
			serverMs: this.#fetchMs,
			protocolMs: this.#callMs - this.#fetchMs,
			deviceMs: totalMs - this.#callMs,
			requests: this.#requests
		};
	}
}
