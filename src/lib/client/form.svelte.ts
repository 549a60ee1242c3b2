import type { z } from 'zod';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import { trackDraftWrite } from './draft-writes';
import { cleanFormValues } from './form-values';
import type { DraftStore } from './store/drafts';
import { unsavedChanges } from './unsaved.svelte';

export interface FormOptions<V> {
	/** Stable key for the draft and the unsaved-changes registry, e.g. `visit:new` or `asset:<id>`. */
	key: string;
	/** How the draft is offered back: "your visit at 14 Main Street". */
	label: (values: V) => string;
	path: string;
	initial: V;
	drafts?: DraftStore;
	/** How long typing must pause before the draft is written. */
	saveDelayMs?: number;
}

/**
 * A record form's state: the values as typed, errors from the type's schema, and a draft written
 * to the device as the person types, so nothing is lost to a reload or a crash.
 */
export class RecordForm<V extends object> {
	values: V = $state() as V;
	#errors = $state<FieldError[]>([]);
	#dirty = $state(false);
	readonly #options: FormOptions<V>;
	/** Values typed since the last draft write. */
	#pending: V | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: FormOptions<V>) {
		this.#options = options;
		this.values = structuredClone(options.initial);
		let first = true;
		$effect(() => {
			const snapshot = $state.snapshot(this.values) as V;
			if (first) {
				first = false;
				return;
			}
			this.#dirty = true;
			this.#pending = snapshot;
			unsavedChanges.mark(options.key, true);
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => void this.flush(), options.saveDelayMs ?? 400);
		});
		// Closing the tab or leaving the form must not lose the last keystrokes before the pause.
		$effect(() => {
			const onHide = () => void this.flush();
			window.addEventListener('pagehide', onHide);
			return () => {
				window.removeEventListener('pagehide', onHide);
				void this.flush();
				// The draft holds what was typed, so nothing is lost if the app updates now.
				unsavedChanges.mark(options.key, false);
			};
		});
	}

	/** Write the draft now if anything was typed since the last write. */
	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		const values = this.#pending;
		this.#pending = null;
		if (!values) return;
		await trackDraftWrite(this.#saveDraft(values));
	}

	get errors(): FieldError[] {
		return this.#errors;
	}

	get dirty(): boolean {
		return this.#dirty;
	}

	errorFor(path: string): string | undefined {
		return this.#errors.find((e) => e.path === path)?.message;
	}

	/** Check the values against a schema; on failure the errors show and null is returned. */
	validate<T>(
		schema: z.ZodType<T>,
		prepare: (values: V) => unknown = (v) => cleanFormValues(v) ?? {}
	): T | null {
		const result = schema.safeParse(prepare($state.snapshot(this.values) as V));
		this.#errors = result.success ? [] : fieldErrors(result.error);
		return result.success ? result.data : null;
	}

	/** Errors found elsewhere (e.g. the store refused a save), shown the same way. */
	showErrors(errors: FieldError[]): void {
		this.#errors = errors;
	}

	/** Restore a kept draft's values. */
	restore(values: V): void {
		this.values = values;
	}

	/** The record is saved (or the person discarded the form): forget the draft. */
	async finished(): Promise<void> {
		clearTimeout(this.#timer);
		this.#pending = null;
		this.#dirty = false;
		unsavedChanges.mark(this.#options.key, false);
		await this.#options.drafts?.discard(this.#options.key);
	}

	async #saveDraft(values: V): Promise<void> {
		const { drafts, key, path, label } = this.#options;
		if (!drafts || !this.#dirty) return;
		await drafts.save({ key, path, label: label(values), values });
	}
}
