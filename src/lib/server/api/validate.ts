import type { z } from 'zod';
import { refusal, type Refusal } from './refusal';

/** Input against its schema: the parsed data, or a 400 naming each field that is wrong. */
export function validateInput<T extends z.ZodType>(
	schema: T,
	value: unknown
): { data: z.infer<T> } | Refusal {
	const result = schema.safeParse(value);
	if (result.success) return { data: result.data };
	const errors = result.error.issues.map((issue) => ({
		path: issue.path.map(String).join('.'),
		message: issue.message
	}));
	return refusal(400, 'bad-request', describeProblems(errors), errors);
}

/** "The request is not valid. a.b: why; c: why (and 2 more)." */
export function describeProblems(errors: readonly { path: string; message: string }[]): string {
	const shown = errors.slice(0, 3).map(({ path, message }) => (path ? `${path}: ${message}` : message));
	const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
	return `The request is not valid. ${shown.join('; ')}${more}.`;
}
