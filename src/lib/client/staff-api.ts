import {
	sessionInfoSchema,
	staffListSchema,
	staffSchema,
	type CreateStaffRequest,
	type SessionInfo,
	type Staff,
	type UpdateStaffRequest
} from '$lib/domain/staff';
import { ApiProblem, call, send } from './api-call';
import { deviceIdentity } from './device-identity';

export { ApiProblem };

/** The sign-in and staff screens' calls to the server. */
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
