import { liveQuery } from 'dexie';
import type { DeviceDatabase } from '$lib/client/store/database';
import { readSyncDetails, type SyncDetails } from '$lib/client/sync/ui/sync-details';

/**
 * The sync screens' lists, kept current as the device changes (a save, a sync, another tab).
 * Create it while a component initialises: it stops watching with the component.
 */
export class LiveSyncDetails {
	#details = $state.raw<SyncDetails | null>(null);
	#failure = $state<string | null>(null);

	constructor(db: DeviceDatabase) {
		$effect(() => {
			const subscription = liveQuery(() => readSyncDetails(db)).subscribe({
				next: (details) => {
					this.#details = details;
					this.#failure = null;
				},
				error: (error: unknown) => {
					this.#failure = `Could not read this device's changes: ${error instanceof Error ? error.message : String(error)}`;
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	/** Null until first read. */
	get details(): SyncDetails | null {
		return this.#details;
	}

	get failure(): string | null {
		return this.#failure;
	}
}
