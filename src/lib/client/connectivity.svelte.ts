/**
 * Whether the browser believes it has a network. `navigator.onLine` can say "online" on a captive
 * portal or dead mobile link; the sync engine learns the truth from real requests, this only
 * drives the header.
 */
export class Connectivity {
	#online = $state(true);

	constructor(target: Window = window) {
		this.#online = target.navigator.onLine;
		$effect(() => {
			const update = () => (this.#online = target.navigator.onLine);
			target.addEventListener('online', update);
			target.addEventListener('offline', update);
			return () => {
				target.removeEventListener('online', update);
				target.removeEventListener('offline', update);
			};
		});
	}

	get online(): boolean {
		return this.#online;
	}
}
