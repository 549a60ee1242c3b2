import type {
	FetchRequest,
	FetchResponse,
	PullRequest,
	PullResponse,
	PushRequest,
	PushResponse,
	StaffRequest,
	StaffResponse,
	SyncRecord,
	ViewsRequest,
	ViewsResponse
} from '$lib/domain/sync/protocol';
import type { SyncTransport } from './transport';

type Handler<Q, A> = (request: Q) => A | Promise<A>;

/**
 * Test support: a transport whose answers each test scripts, recording every request. By default
 * it acknowledges every change and has nothing new to pull.
 */
export class ScriptedTransport implements SyncTransport {
	readonly pushes: PushRequest[] = [];
	readonly pulls: PullRequest[] = [];
	readonly fetches: FetchRequest[] = [];
	readonly viewReports: ViewsRequest[] = [];
	readonly staffRequests: StaffRequest[] = [];
	onPush: Handler<PushRequest, PushResponse> = acknowledgeAll;
	onPull: Handler<PullRequest, PullResponse> = (request) => ({
		cursor: request.cursor ?? '0',
		more: false,
		changes: []
	});
	onFetch: Handler<FetchRequest, FetchResponse> = (request) => ({ records: [], missing: request.ids });
	onViews: Handler<ViewsRequest, ViewsResponse> = (request) => ({
		lastViewId: request.views.at(-1)?.id ?? 0
	});
	onStaff: Handler<StaffRequest, StaffResponse> = () => ({ staff: [] });

	async push(request: PushRequest): Promise<PushResponse> {
		this.pushes.push(structuredClone(request));
		return this.onPush(request);
	}
	async pull(request: PullRequest): Promise<PullResponse> {
		this.pulls.push(structuredClone(request));
		return this.onPull(request);
	}
	async fetch(request: FetchRequest): Promise<FetchResponse> {
		this.fetches.push(structuredClone(request));
		return this.onFetch(request);
	}
	async views(request: ViewsRequest): Promise<ViewsResponse> {
		this.viewReports.push(structuredClone(request));
		return this.onViews(request);
	}
	async staff(request: StaffRequest): Promise<StaffResponse> {
		this.staffRequests.push(structuredClone(request));
		return this.onStaff(request);
	}

	/** Every mutation pushed, in order, with the id it was sent under. */
	get pushed() {
		return this.pushes.flatMap((request) => request.mutations);
	}

	/** Serve these pages in turn (by cursor "0", "1", …), each a list of changes. */
	servePages(pages: PullResponse[]): void {
		this.onPull = (request) => {
			const page = pages[Number(request.cursor ?? '0')];
			if (!page) throw new Error(`No page after cursor ${request.cursor}`);
			return page;
		};
	}
}

export function acknowledgeAll(request: PushRequest): PushResponse {
	const results = request.mutations.map((m) => ({ id: m.id, status: 'applied' as const, conflicts: [] }));
	return { lastMutationId: request.mutations.at(-1)?.id ?? 0, results };
}

/** A page of records as the server sends them. */
export function recordPage(records: SyncRecord[], cursor: string, more: boolean): PullResponse {
	return { cursor, more, changes: records.map((record) => ({ kind: 'record' as const, record })) };
}
