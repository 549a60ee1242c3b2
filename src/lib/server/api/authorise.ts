import type { StaffRole } from '$lib/domain/records';
import { ROLE_LABELS } from '$lib/domain/staff';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { ApiContext } from './context';
import { refusal, refusalResponse } from './refusal';

/**
 * The signed-in member of staff, if their role may do `what`; otherwise the answer to send:
 * 401 for nobody signed in, 403 (audited) for a role that may not.
 */
export async function requireStaff(
	context: ApiContext,
	roles: readonly StaffRole[],
	what: string
): Promise<Actor | Response> {
	const actor = context.session?.actor;
	if (!actor) {
		return refusalResponse(refusal(401, 'unauthenticated', 'Sign in to Fellside first.'));
	}
	if (roles.includes(actor.role)) return actor;
	await recordAudit(
		context.store,
		[
			{
				action: 'access-refused',
				staffId: actor.staffId,
				deviceId: actor.deviceId,
				ip: context.ip,
				details: { what, role: actor.role }
			}
		],
		context.now()
	);
	const role = ROLE_LABELS[actor.role];
	return refusalResponse(refusal(403, 'forbidden', `Your role (${role}) cannot ${what}.`));
}
