import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorCode } from '$lib/domain/api-error';
import type { FieldError } from '$lib/domain/common/errors';

/**
 * Calls to the server from the screens that work only online (sign-in, staff, audit): every call
 * says plainly when the device has no signal, and the server's refusal comes back in its words,
 * with the fields it names.
 */
export class ApiProblem extends Error {
	override name = 'ApiProblem';
	constructor(
		message: string,
		readonly status: number,
		readonly errors: FieldError[] = [],
		/** The server's code for the refusal, such as `account-disabled`. */
		readonly code: ApiErrorCode | null = null
	) {
		super(message);
	}

	/** For the error summary: the fields, or the message on its own. */
	get summary(): FieldError[] {
		return this.errors.length > 0 ? this.errors : [{ path: '', message: this.message }];
	}
}

const OFFLINE = 'This needs signal: connect to the internet and try again.';

export async function call<T>(path: string, schema: z.ZodType<T> | null, init: RequestInit = {}): Promise<T> {
	if (!navigator.onLine) throw new ApiProblem(OFFLINE, 0);
	let response: Response;
	try {
		response = await fetch(`/api/v1${path}`, {
			...init,
			headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
			credentials: 'same-origin'
		});
	} catch {
		throw new ApiProblem('Could not reach the Fellside server. Check your signal and try again.', 0);
	}
	if (response.status === 204 || !schema) return undefined as T;
	const json: unknown = await response.json().catch(() => undefined);
	if (!response.ok) {
		const parsed = apiErrorSchema.safeParse(json);
		if (!parsed.success)
			throw new ApiProblem(`The server could not do this (${response.status}). Try again.`, response.status);
		const { message, errors, code } = parsed.data.error;
		throw new ApiProblem(message, response.status, errors ?? [], code);
	}
	return schema.parse(json);
}

export const send = (method: string, body: unknown = {}): RequestInit => ({
	method,
	body: JSON.stringify(body)
});
