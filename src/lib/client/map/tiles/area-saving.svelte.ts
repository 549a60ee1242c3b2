import { formatBytes, type SaveAreaRequest, type TileSource } from '$lib/domain/map/tiles';
import type { SavedArea } from './database';
import {
	SaveRefused,
	type SavedAreas,
	type SaveOptions,
	type SaveOutcome,
	type SaveProgress
} from './saved-areas';

export interface SavingResult {
	tone: 'success' | 'problem';
	text: string;
}

/** The one area being saved on this screen, as the screen shows it: progress, cancel, and how it ended. */
export class AreaSaving {
	readonly #areas: SavedAreas;
	readonly #onchange: () => void;
	#controller: AbortController | null = null;
	#progress = $state<SaveProgress | null>(null);
	#result = $state<SavingResult | null>(null);

	constructor(areas: SavedAreas, onchange: () => void) {
		this.#areas = areas;
		this.#onchange = onchange;
	}

	get progress(): SaveProgress | null {
		return this.#progress;
	}
	get result(): SavingResult | null {
		return this.#result;
	}
	get busy(): boolean {
		return this.#progress !== null;
	}

	/** Save a new area. A refusal (too big, no room, source not allowed) is returned for the form. */
	save(request: SaveAreaRequest, tiles: TileSource, expectedTiles: number): Promise<string | null> {
		return this.#run(expectedTiles, (options) => this.#areas.save(request, tiles, options));
	}

	/** Fetch what a partly saved area is missing. */
	async resume(area: SavedArea, tiles: TileSource): Promise<void> {
		const refusal = await this.#run(area.tiles, (options) => this.#areas.resume(area.id, tiles, options));
		if (refusal) this.#result = { tone: 'problem', text: refusal };
	}

	cancel(): void {
		this.#controller?.abort();
	}

	async #run(total: number, start: (options: SaveOptions) => Promise<SaveOutcome>): Promise<string | null> {
		if (this.busy) return 'Another area is being saved: wait for it or cancel it first';
		this.#result = null;
		const controller = (this.#controller = new AbortController());
		this.#progress = { done: 0, total, bytes: 0, failed: 0 };
		try {
			const outcome = await start({ signal: controller.signal, onProgress: (p) => (this.#progress = p) });
			this.#result = describe(outcome);
			return null;
		} catch (error) {
			if (error instanceof SaveRefused) return error.message;
			this.#result = {
				tone: 'problem',
				text: 'Saving the area failed on this device. What was saved is listed below.'
			};
			return null;
		} finally {
			this.#progress = null;
			this.#controller = null;
			this.#onchange();
		}
	}
}

function describe(outcome: SaveOutcome): SavingResult {
	if (outcome.cancelled) return { tone: 'problem', text: 'Saving stopped. Nothing of that area was kept.' };
	const { area, failed } = outcome;
	if (failed > 0) {
		return {
			tone: 'problem',
			text: `${area.name} is partly saved: ${failed.toLocaleString('en-GB')} tiles could not be downloaded. Try again when the signal is better.`
		};
	}
	return { tone: 'success', text: `${area.name} is saved for offline use (${formatBytes(area.bytes)}).` };
}
