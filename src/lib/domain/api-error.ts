import { z } from 'zod';
import { fieldProblemSchema, SYNC_ERROR_CODES } from './sync/protocol';

/**
 * Every refusal the API gives has one shape, sync's included: `{ error: { status, code, message } }`
 * with a message a person can act on, and for bad input the fields that are wrong.
 */
export const API_ERROR_CODES = [
	...SYNC_ERROR_CODES,
	'not-found',
	'conflict',
	'too-many-requests',
	/** Well-formed, but the record's own fields break its type's rules (422). */
	'invalid-record'
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
	error: z.object({
		status: z.number().int(),
		code: z.enum(API_ERROR_CODES),
		message: z.string(),
		errors: z.array(fieldProblemSchema).optional()
	})
});
export type ApiError = z.infer<typeof apiErrorSchema>;
