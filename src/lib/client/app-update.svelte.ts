import type { Workbox } from 'workbox-window';
import type { ClosedElsewhere } from './store/updated-elsewhere';
import { unsavedChanges } from './unsaved.svelte';

/**
 * Whether another tab or window took this device's store away from this one (upgraded it with a
 * newer version of Fellside, or removed the person's work), so this tab can no longer save until
 * it is reloaded (see `ClosedElsewhere`).
 */
class StoreClosedElsewhere {
	#reason = $state<ClosedElsewhere | null>(null);

	get reason(): ClosedElsewhere | null {
		return this.#reason;
	}

	mark(reason: ClosedElsewhere): void {
		this.#reason ??= reason;
	}
}

export const storeClosedElsewhere = new StoreClosedElsewhere();

/**
 * The service worker's life cycle as the user sees it: a new version waits until the person
 * chooses "Update", and never while a form holds unsaved input.
 */
export class AppUpdate {
	#workbox: Workbox | undefined;
	#available = $state(false);
	#offlineReady = $state(false);
	#error = $state<string | null>(null);

	get available(): boolean {
		return this.#available;
	}

	/** True once the app shell is cached: from now on Fellside opens with no signal. */
	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	get error(): string | null {
		return this.#error;
	}

	/** Another tab took the store away (see `StoreClosedElsewhere`): this tab must reload. */
	get closedElsewhere(): ClosedElsewhere | null {
		return storeClosedElsewhere.reason;
	}

	get blockedByUnsavedChanges(): boolean {
		return unsavedChanges.any;
	}

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) {
			this.#error = 'This browser cannot keep Fellside for offline use.';
			return;
		}
		const { Workbox } = await import('workbox-window');
		const workbox = new Workbox('/sw.js', { scope: '/', type: 'classic' });
		workbox.addEventListener('waiting', () => (this.#available = true));
		workbox.addEventListener('activated', (event) => {
			if (!event.isUpdate) this.#offlineReady = true;
		});
		this.#workbox = workbox;
		try {
			await workbox.register();
			if (navigator.serviceWorker.controller) this.#offlineReady = true;
		} catch (error) {
			this.#error = `Offline use could not be set up: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Look for a new version now (e.g. when the app comes back into view). */
	async check(): Promise<void> {
		await this.#workbox?.update();
	}

	/** Reload this tab with the version another tab has installed. */
	reload(): void {
		window.location.reload();
	}

	apply(): void {
		const workbox = this.#workbox;
		if (!workbox || unsavedChanges.any) return;
		// Reload only because the person chose to, once the new worker has taken control.
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}
}
