import { SvelteSet } from 'svelte/reactivity';

/**
 * Forms with unsaved input register here, so nothing (an app update, a sign-out) reloads the
 * page under a half-finished visit record.
 */
class UnsavedChanges {
	readonly #owners = new SvelteSet<string>();

	get any(): boolean {
		return this.#owners.size > 0;
	}

	mark(owner: string, dirty: boolean): void {
		if (dirty) this.#owners.add(owner);
		else this.#owners.delete(owner);
	}
}

export const unsavedChanges = new UnsavedChanges();
