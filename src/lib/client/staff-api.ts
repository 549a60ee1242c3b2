import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorCode } from '$lib/domain/api-error';
import type { FieldError } from '$lib/domain/common/errors';
import {
	sessionInfoSchema,
	staffListSchema,
	staffSchema,
	type CreateStaffRequest,
	type SessionInfo,
	type Staff,
	type UpdateStaffRequest
} from '$lib/domain/staff';
import { deviceIdentity } from './device-identity';

/**
 * The sign-in and staff screens' calls to the server. These pages work only online: every call
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

async function call<T>(path: string, schema: z.ZodType<T> | null, init: RequestInit = {}): Promise<T> {
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

const send = (method: string, body: unknown = {}): RequestInit => ({ method, body: JSON.stringify(body) });

export const staffApi = {
	async signIn(username: string, password: string): Promise<SessionInfo> {
		return call(
			'/auth/sign-in',
			sessionInfoSchema,
			send('POST', { username, password, deviceId: deviceIdentity() })
		);
	},
	signOut: (): Promise<void> => call('/auth/sign-out', null, send('POST')),
	/** Who is signed in on this browser, or null for nobody. */
	async session(): Promise<SessionInfo | null> {
		try {
			return await call('/auth/session', sessionInfoSchema);
		} catch (error) {
			if (error instanceof ApiProblem && error.status === 401) return null;
			throw error;
		}
	},
	list: async (): Promise<Staff[]> => (await call('/admin/staff', staffListSchema)).staff,
	get: (id: string): Promise<Staff> => call(`/admin/staff/${encodeURIComponent(id)}`, staffSchema),
	create: (input: CreateStaffRequest): Promise<Staff> =>
		call('/admin/staff', staffSchema, send('POST', input)),
	update: (id: string, input: UpdateStaffRequest): Promise<Staff> =>
		call(`/admin/staff/${encodeURIComponent(id)}`, staffSchema, send('PATCH', input)),
	setDisabled: (id: string, disabled: boolean): Promise<Staff> =>
		call(
			`/admin/staff/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`,
			staffSchema,
			send('POST')
		),
	resetPassword: (id: string, password: string): Promise<Staff> =>
		call(`/admin/staff/${encodeURIComponent(id)}/reset-password`, staffSchema, send('POST', { password }))
};
