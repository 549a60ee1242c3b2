import {
	formatBytes,
	offlineSavingRefusal,
	saveAreaSchema,
	saveChoices,
	saveFromZoom,
	tilesIn,
	tileUrl,
	TYPICAL_TILE_BYTES,
	type Bounds,
	type SaveAreaRequest,
	type SaveChoice,
	type TileSource
} from '$lib/domain/map/tiles';
import type { SavedArea, TilesDatabase } from './database';

/** Each saved area keeps its tiles in a cache of its own, so deleting it is one call. */
export const SAVED_AREA_CACHE_PREFIX = 'fellside-saved-area-';
/** Tiles fetched at once: enough to be quick, few enough to be polite to the tile server. */
const CONCURRENT_DOWNLOADS = 4;
/** This many failures in a row means the connection has gone: stop and keep what was saved. */
const FAILURES_MEANING_NO_CONNECTION = 8;
/** How often (in tiles) progress is written down, so a closed tab leaves an accurate record. */
const RECORD_EVERY = 25;

export interface SaveProgress {
	done: number;
	total: number;
	bytes: number;
	failed: number;
}

export interface SaveOptions {
	signal?: AbortSignal;
	onProgress?: (progress: SaveProgress) => void;
}

/** Cancelled saves keep nothing; others end complete or incomplete (some tiles still missing). */
export type SaveOutcome = { cancelled: true } | { cancelled: false; area: SavedArea; failed: number };

/** A save that cannot start, with the reason in the person's words. */
export class SaveRefused extends Error {
	override name = 'SaveRefused';
}

export interface SavedAreasDeps {
	db: TilesDatabase;
	caches: CacheStorage;
	fetch: typeof fetch;
	/** The browser's storage manager: room left, and asking to keep saved areas. */
	storage?: Pick<StorageManager, 'estimate' | 'persist'>;
	now?: () => Date;
	newId?: () => string;
}

/**
 * Areas saved for offline use: estimated before starting, downloaded with progress and cancel,
 * listed with their size, deleted. Tiles go into Cache Storage, where the service worker finds
 * them when the map asks for a tile it has not viewed (see viewed-tiles-route.ts).
 */
export class SavedAreas {
	readonly #deps: SavedAreasDeps;
	/** Areas being saved by this page: any other area still marked "saving" was interrupted. */
	readonly #active = new Set<string>();

	constructor(deps: SavedAreasDeps) {
		this.#deps = deps;
	}

	/** Newest first. An area whose save was interrupted (tab closed, crash) shows as incomplete. */
	async list(): Promise<SavedArea[]> {
		const areas = await this.#deps.db.areas.orderBy('createdAt').reverse().toArray();
		return areas.map((a) =>
			a.status === 'saving' && !this.#active.has(a.id) ? { ...a, status: 'incomplete' } : a
		);
	}

	/** The levels of detail on offer for an area, each with its tile count and estimated size. */
	async choices(bounds: Bounds, viewZoom: number, source: TileSource): Promise<SaveChoice[]> {
		return saveChoices(bounds, viewZoom, source, await this.averageTileBytes(source.urlTemplate));
	}

	/** The measured size of this source's tiles on this device, or a typical size before any are saved. */
	async averageTileBytes(urlTemplate: string): Promise<number> {
		const areas = await this.#deps.db.areas.toArray();
		const measured = areas.filter((a) => a.urlTemplate === urlTemplate && a.savedTiles > 0);
		const tiles = measured.reduce((n, a) => n + a.savedTiles, 0);
		return tiles > 0 ? measured.reduce((n, a) => n + a.bytes, 0) / tiles : TYPICAL_TILE_BYTES;
	}

	async save(request: SaveAreaRequest, source: TileSource, options: SaveOptions = {}): Promise<SaveOutcome> {
		const refusal = offlineSavingRefusal(source);
		if (refusal) throw new SaveRefused(refusal);
		const checked = saveAreaSchema.safeParse(request);
		if (!checked.success) throw new SaveRefused(checked.error.issues[0]?.message ?? 'The area is not valid');
		const { name, bounds, viewZoom, toZoom } = checked.data;
		const choice = (await this.choices(bounds, viewZoom, source)).find((c) => c.toZoom === toZoom);
		if (!choice) throw new SaveRefused(`This map has no level of detail ${toZoom} to save`);
		if (choice.refusal) throw new SaveRefused(choice.refusal);
		await this.#checkRoom(choice.bytes);

		const id = this.#deps.newId?.() ?? crypto.randomUUID();
		const at = this.#now();
		const area: SavedArea = {
			id,
			name,
			bounds,
			fromZoom: saveFromZoom(viewZoom, toZoom),
			toZoom,
			urlTemplate: source.urlTemplate,
			cacheName: `${SAVED_AREA_CACHE_PREFIX}${id}`,
			tiles: choice.tiles,
			savedTiles: 0,
			bytes: 0,
			status: 'saving',
			createdAt: at,
			updatedAt: at
		};
		await this.#deps.db.areas.add(area);
		// Saved areas should outlive the browser's clear-outs when the device runs short of space.
		void this.#deps.storage?.persist().catch(() => false);
		return this.#download(area, options);
	}

	/** Fetch the tiles an incomplete area is still missing. */
	async resume(id: string, source: TileSource, options: SaveOptions = {}): Promise<SaveOutcome> {
		const area = await this.#deps.db.areas.get(id);
		if (!area) throw new SaveRefused('That saved area is no longer on this device');
		if (area.urlTemplate !== source.urlTemplate) {
			throw new SaveRefused('This area was saved from another tile source: delete it and save it again');
		}
		const refusal = offlineSavingRefusal(source);
		if (refusal) throw new SaveRefused(refusal);
		return this.#download({ ...area, status: 'saving' }, options);
	}

	async delete(id: string): Promise<void> {
		const area = await this.#deps.db.areas.get(id);
		if (!area) return;
		await this.#deps.caches.delete(area.cacheName);
		await this.#deps.db.areas.delete(id);
	}

	async #download(area: SavedArea, { signal, onProgress }: SaveOptions): Promise<SaveOutcome> {
		this.#active.add(area.id);
		const cache = await this.#deps.caches.open(area.cacheName);
		const progress: SaveProgress = { done: 0, total: area.tiles, bytes: area.bytes, failed: 0 };
		const queue = tilesIn(area.bounds, area.fromZoom, area.toZoom);
		let failuresInRow = 0;
		const record = (status: SavedArea['status']) =>
			this.#deps.db.areas.update(area.id, {
				status,
				savedTiles: progress.done - progress.failed,
				bytes: progress.bytes,
				updatedAt: this.#now()
			});
		// Workers share one queue of tiles; each takes the next when its last one is stored.
		const worker = async () => {
			for (let next = queue.next(); !next.done; next = queue.next()) {
				if (failuresInRow >= FAILURES_MEANING_NO_CONNECTION) return;
				signal?.throwIfAborted();
				const url = tileUrl(area.urlTemplate, next.value);
				if (!(await cache.match(url))) {
					const size = await this.#fetchInto(cache, url, signal);
					if (size === null) {
						progress.failed++;
						failuresInRow++;
					} else {
						progress.bytes += size;
						failuresInRow = 0;
					}
				}
				progress.done++;
				onProgress?.({ ...progress });
				if (progress.done % RECORD_EVERY === 0) await record('saving');
			}
		};
		try {
			// Settled, not raced: after a cancel no worker may still be writing into the cache.
			const results = await Promise.allSettled(Array.from({ length: CONCURRENT_DOWNLOADS }, worker));
			if (signal?.aborted) {
				// Cancelled: nothing of the area is kept.
				await this.delete(area.id);
				return { cancelled: true };
			}
			const missing = progress.failed + (progress.total - progress.done);
			await record(missing === 0 ? 'complete' : 'incomplete');
			const failure = results.find((r) => r.status === 'rejected');
			if (failure) throw failure.reason;
			const saved = await this.#deps.db.areas.get(area.id);
			return { cancelled: false, area: saved!, failed: missing };
		} finally {
			this.#active.delete(area.id);
		}
	}

	/** Fetch one tile into the area's cache (one retry); its size, or null when it could not be had. */
	async #fetchInto(cache: Cache, url: string, signal: AbortSignal | undefined): Promise<number | null> {
		for (let attempt = 0; attempt < 2; attempt++) {
			try {
				const response = await this.#deps.fetch(url, { mode: 'cors', credentials: 'omit', signal });
				if (response.ok) {
					const stored = response.clone();
					const size = (await response.blob()).size;
					await cache.put(url, stored);
					return size;
				}
				if (response.status < 500) return null;
			} catch (error) {
				if (signal?.aborted) throw error;
			}
		}
		return null;
	}

	async #checkRoom(bytes: number): Promise<void> {
		const estimate = await this.#deps.storage?.estimate().catch(() => undefined);
		if (!estimate?.quota) return;
		const free = estimate.quota - (estimate.usage ?? 0);
		if (free < bytes * 1.2) {
			throw new SaveRefused(
				`This device has room for about ${formatBytes(free)} more; this area needs about ${formatBytes(bytes)}. Choose less detail or a smaller area, or delete a saved area`
			);
		}
	}

	#now(): string {
		return (this.#deps.now?.() ?? new Date()).toISOString();
	}
}
