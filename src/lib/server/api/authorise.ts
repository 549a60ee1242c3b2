import type { StaffRole } from '$lib/domain/records';
import { ROLE_LABELS } from '$lib/domain/staff';
import { recordAudit, type AuditEvent } from '../audit';
import type { Actor } from '../auth/actor';
import type { ApiContext } from './context';
import { refusal, refusalResponse, type Refusal } from './refusal';

/** The signed-in member of staff, or the 401 to answer when nobody is. */
export function requireSignedIn(context: ApiContext): Actor | Response {
	const actor = context.session?.actor;
	if (actor) return actor;
	return refusalResponse(refusal(401, 'unauthenticated', 'Sign in to Fellside first.'));
}

/** What was refused, for the audit entry: never any content of a record. */
export type RefusedAccess = Pick<AuditEvent, 'targetType' | 'targetId' | 'areaId'> & {
	details: Record<string, string>;
};

/**
 * Record that the actor was refused, in the audit log, and give back the refusal to answer with
 * (a 403 by default; a record the actor may not see is answered as absent, 404).
 */
export async function refuseAccess(
	context: ApiContext,
	actor: Actor,
	refused: RefusedAccess,
	answer: Refusal
): Promise<Refusal> {
	const { details, ...target } = refused;
	await recordAudit(
		context.store,
		[
			{
				action: 'access-refused',
				staffId: actor.staffId,
				deviceId: actor.deviceId,
				ip: context.ip,
				...target,
				details: { ...details, role: actor.role }
			}
		],
		context.now()
	);
	return answer;
}

/**
 * The signed-in member of staff, if their role may do `what`; otherwise the answer to send:
 * 401 for nobody signed in, 403 (audited) for a role that may not.
 */
export async function requireStaff(
	context: ApiContext,
	roles: readonly StaffRole[],
	what: string
): Promise<Actor | Response> {
	const actor = requireSignedIn(context);
	if (actor instanceof Response || roles.includes(actor.role)) return actor;
	const role = ROLE_LABELS[actor.role];
	const refused = refusal(403, 'forbidden', `Your role (${role}) cannot ${what}.`);
	return refusalResponse(await refuseAccess(context, actor, { details: { what } }, refused));
}
