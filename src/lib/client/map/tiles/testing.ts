// For Node tests of the map's device code: Cache Storage as browsers have it (Node has none),
// keyed by URL as the browser's is for the GET requests the map makes.

class MemoryCache implements Pick<Cache, 'match' | 'put' | 'delete' | 'keys'> {
	readonly entries = new Map<string, Response>();

	async match(request: RequestInfo | URL): Promise<Response | undefined> {
		return this.entries.get(urlOf(request))?.clone();
	}
	async put(request: RequestInfo | URL, response: Response): Promise<void> {
		if (response.bodyUsed) throw new TypeError('Response body is already used');
		// Like a browser, store the whole body before the put resolves.
		const body = await response.arrayBuffer();
		this.entries.set(
			urlOf(request),
			new Response(body, { status: response.status, headers: response.headers })
		);
	}
	async delete(request: RequestInfo | URL): Promise<boolean> {
		return this.entries.delete(urlOf(request));
	}
	async keys(): Promise<readonly Request[]> {
		return [...this.entries.keys()].map((url) => new Request(url));
	}
}

export class MemoryCacheStorage implements Pick<CacheStorage, 'open' | 'delete' | 'keys' | 'has' | 'match'> {
	readonly caches = new Map<string, MemoryCache>();

	async open(name: string): Promise<Cache> {
		let cache = this.caches.get(name);
		if (!cache) this.caches.set(name, (cache = new MemoryCache()));
		return cache as unknown as Cache;
	}
	async delete(name: string): Promise<boolean> {
		return this.caches.delete(name);
	}
	async keys(): Promise<string[]> {
		return [...this.caches.keys()];
	}
	async has(name: string): Promise<boolean> {
		return this.caches.has(name);
	}
	async match(request: RequestInfo | URL): Promise<Response | undefined> {
		for (const cache of this.caches.values()) {
			const hit = await cache.match(request);
			if (hit) return hit;
		}
		return undefined;
	}
}

function urlOf(request: RequestInfo | URL): string {
	return typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
}
