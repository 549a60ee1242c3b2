/**
 * The real HTTP transport, with the time it spends measured: in fetch until the answer's last byte
 * (network and server), and in the whole call (adding JSON both ways and the protocol check of the
 * answer); and the time a device database spends in its write transactions.
 */
import type { DeviceDatabase } from '$lib/client/store/database';
import { HttpSyncTransport } from '$lib/client/sync/http-transport';
import type { SyncTransport } from '$lib/client/sync/transport';
import type {
	FetchRequest,
	PullRequest,
	PushRequest,
	StaffRequest,
	ViewsRequest
} from '$lib/domain/sync/protocol';
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

	views(request: ViewsRequest) {
		return this.#timed(() => this.#inner.views(request));
	}

	staff(request: StaffRequest) {
		return this.#timed(() => this.#inner.staff(request));
	}

	/** The split, with the device's time from `timeWrites`. */
	phases(deviceMs: number): Phases {
		return {
			deviceMs,
			serverMs: this.#fetchMs,
			protocolMs: this.#callMs - this.#fetchMs,
			requests: this.#requests
		};
	}
}

/**
 * Time every write transaction of this device database (sync stores each pull page and settles each
 * push batch in one); returns the total so far.
 */
export function timeWrites(db: DeviceDatabase): () => number {
	let total = 0;
	const write = db.write.bind(db);
	db.write = async <T,>(work: () => Promise<T>): Promise<T> => {
		const start = performance.now();
		try {
			return await write(work);
		} finally {
			total += performance.now() - start;
		}
	};
	return () => total;
}
