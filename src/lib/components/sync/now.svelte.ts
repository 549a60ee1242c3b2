/**
 * The time now, refreshed every `everyMs`, for "Synced 5 min ago" lines that must age on screen.
 * Create it while a component initialises: it stops with the component.
 */
export class Now {
	#ms = $state(Date.now());

	constructor(everyMs = 20_000) {
		$effect(() => {
			const timer = setInterval(() => (this.#ms = Date.now()), everyMs);
			return () => clearInterval(timer);
		});
	}

	get ms(): number {
		return this.#ms;
	}
}
