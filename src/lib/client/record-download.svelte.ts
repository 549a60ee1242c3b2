import { downloadRecords } from './download';
import type { DeviceStore } from './store/device-store';

/** The download of records to the device, as the screens show it. */
export class RecordDownload {
	readonly #store: DeviceStore;
	#running = $state(false);
	#error = $state<string | null>(null);
	#completedAt = $state<string | null>(null);
	/** Bumped after every stored download, so open lists read the device again. */
	#revision = $state(0);

	constructor(store: DeviceStore) {
		this.#store = store;
	}

	get running(): boolean {
		return this.#running;
	}
	get error(): string | null {
		return this.#error;
	}
	get completedAt(): string | null {
		return this.#completedAt;
	}
	get revision(): number {
		return this.#revision;
	}

	async loadStatus(): Promise<void> {
		this.#completedAt = (await this.#store.getMeta('download.completedAt')) ?? null;
	}

	async run(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		this.#error = null;
		try {
			await downloadRecords(this.#store);
			await this.loadStatus();
		} catch (error) {
			this.#error =
				error instanceof TypeError
					? 'Could not reach the Fellside server. Records already on this device are still here.'
					: error instanceof Error
						? error.message
						: String(error);
		} finally {
			this.#running = false;
			this.#revision++;
		}
	}
}
