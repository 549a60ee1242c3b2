import { repository, today } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';
import { ValidationFailed } from '$lib/client/store/repository';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import { referralSchemaAsOf } from '$lib/domain/referral';

export type SaveResult = { ok: true; record: StoredRecord } | { ok: false; errors: FieldError[] };

/**
 * Save a changed referral from one of the detail page's actions. Checked as a form is (no dates in
 * the future) before the repository's own check, so a score dated tomorrow is refused in words.
 */
export async function saveReferral(id: string, next: unknown): Promise<SaveResult> {
	const checked = referralSchemaAsOf(today()).safeParse(next);
	if (!checked.success) return { ok: false, errors: fieldErrors(checked.error) };
	try {
		return { ok: true, record: await repository('referral').update(id, checked.data) };
	} catch (error) {
		if (error instanceof ValidationFailed) return { ok: false, errors: error.errors };
		return { ok: false, errors: [{ path: '', message: `Could not save on this device: ${String(error)}` }] };
	}
}

/** One part of the detail page: its errors, and saving from it. */
export interface Section {
	readonly errors: FieldError[];
	/** Anything the form built: it is checked before it is stored. */
	save(next: unknown): Promise<boolean>;
	fail(errors: FieldError[]): void;
}

/** A whole number typed in a text box, or the text itself so the schema says what is wrong. */
export function wholeNumber(value: string): number | string | undefined {
	const trimmed = value.trim();
	if (trimmed === '') return undefined;
	return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}
