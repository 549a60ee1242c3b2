import type { z } from 'zod';

export interface FieldError {
	/** Dotted path to the field, e.g. `occupants.0.dateOfBirth`; the form's field id. */
	path: string;
	message: string;
}

/** Zod's issues as the error summary lists them: one per field, first message wins. */
export function fieldErrors(error: z.ZodError): FieldError[] {
	const seen = new Set<string>();
	const errors: FieldError[] = [];
	for (const issue of error.issues) {
		const path = issue.path.map(String).join('.');
		if (seen.has(path)) continue;
		seen.add(path);
		errors.push({ path, message: issue.message });
	}
	return errors;
}
