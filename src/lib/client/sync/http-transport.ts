import type { z } from 'zod';
import {
	fetchResponseSchema,
	pullResponseSchema,
	pushResponseSchema,
	staffResponseSchema,
	syncErrorSchema,
	viewsResponseSchema,
	type FetchRequest,
	type PullRequest,
	type PushRequest,
	type StaffRequest,
	type ViewsRequest
} from '$lib/domain/sync/protocol';
import {
	BadAnswer,
	ClientTooOld,
	MutationGap,
	NumberingStale,
	Offline,
	RequestRejected,
	ServerUnreachable,
	type SyncTransport
} from './transport';

export interface HttpTransportOptions {
	/** Where `/api/v1/sync/…` lives; the page's own origin by default. */
	baseUrl?: string;
	fetcher?: typeof fetch;
	/** Whether the browser believes it has a network. */
	online?: () => boolean;
	/** How long to wait for an answer before giving up on it. */
	timeoutMs?: number;
	/** The server says the person's account is disabled: the device removes their data. */
	onAccountDisabled?: () => void;
}

/** The sync requests over HTTP: JSON in, every answer checked against the protocol's schemas. */
export class HttpSyncTransport implements SyncTransport {
	readonly #base: string;
	readonly #fetch: typeof fetch;
	readonly #online: () => boolean;
	readonly #timeoutMs: number;
	readonly #onAccountDisabled: (() => void) | undefined;

	constructor(options: HttpTransportOptions = {}) {
		this.#base = options.baseUrl ?? '';
		this.#fetch = options.fetcher ?? ((input, init) => fetch(input, init));
		this.#online = options.online ?? (() => globalThis.navigator?.onLine ?? true);
		this.#timeoutMs = options.timeoutMs ?? 60_000;
		this.#onAccountDisabled = options.onAccountDisabled;
	}

	push(request: PushRequest) {
		return this.#post('push', request, pushResponseSchema);
	}

	pull(request: PullRequest) {
		return this.#post('pull', request, pullResponseSchema);
	}

	fetch(request: FetchRequest) {
		return this.#post('fetch', request, fetchResponseSchema);
	}

	views(request: ViewsRequest) {
		return this.#post('views', request, viewsResponseSchema);
	}

	staff(request: StaffRequest) {
		return this.#post('staff', request, staffResponseSchema);
	}

	async #post<T>(endpoint: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
		if (!this.#online()) throw new Offline();
		let response: Response;
		try {
			response = await this.#fetch(`${this.#base}/api/v1/sync/${endpoint}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(this.#timeoutMs)
			});
		} catch (error) {
			if (!this.#online()) throw new Offline();
			const timedOut = error instanceof Error && error.name === 'TimeoutError';
			throw ServerUnreachable.because(timedOut ? 'it did not answer in time' : 'the connection failed');
		}
		const json = await response.json().catch(() => undefined);
		if (!response.ok) {
			const error = failure(response, json);
			if (error instanceof RequestRejected && error.code === 'account-disabled') this.#onAccountDisabled?.();
			throw error;
		}
		if (json === undefined) throw new BadAnswer('not JSON: perhaps a Wi-Fi sign-in page');
		const parsed = schema.safeParse(json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new BadAnswer(`${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'unexpected shape'}`);
		}
		return parsed.data;
	}
}

/** The typed error for an answer that is not a success. */
function failure(response: Response, json: unknown): Error {
	const parsed = syncErrorSchema.safeParse(json);
	if (!parsed.success) {
		if (response.status >= 500 || response.status === 404 || response.status === 408)
			return ServerUnreachable.because(`it answered ${response.status} ${response.statusText}`.trim());
		return new RequestRejected(`The server refused to sync (${response.status}).`, response.status);
	}
	const { code, message, status, expectedMutationId, numbering } = parsed.data.error;
	if (code === 'client-too-old') return new ClientTooOld(message);
	if (code === 'mutation-gap' && expectedMutationId)
		return new MutationGap(message, expectedMutationId, numbering);
	if (code === 'numbering-stale' && numbering !== undefined) return new NumberingStale(message, numbering);
	if (response.status >= 500 || code === 'unavailable') return new ServerUnreachable(message);
	return new RequestRejected(message, status, code);
}
