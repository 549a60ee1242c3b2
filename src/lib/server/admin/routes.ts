import { z } from 'zod';
import {
	createStaffRequestSchema,
	resetPasswordRequestSchema,
	updateStaffRequestSchema
} from '$lib/domain/staff';
import { requireStaff } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { readJsonInput } from '../api/json-body';
import { isRefusal, jsonResponse, refusal, refusalResponse, type Refusal } from '../api/refusal';
import {
	createStaff,
	getStaff,
	listStaff,
	resetPassword,
	setDisabled,
	updateStaff,
	type AdminAct
} from './staff';

/** Staff administration bodies are small: names, a role, areas, a password. */
const BODY_LIMIT = 8 * 1024;
const ADMINS = ['admin'] as const;
const WHAT = 'manage staff accounts';

const answer = (result: unknown, status = 200) =>
	isRefusal(result) ? refusalResponse(result as Refusal) : jsonResponse(result, status);

/** Only an administrator, and only a well-formed id; then the work, given who is acting. */
async function asAdmin(
	context: ApiContext,
	id: string | undefined,
	work: (act: AdminAct) => Promise<Response>
): Promise<Response> {
	const actor = await requireStaff(context, ADMINS, WHAT);
	if (actor instanceof Response) return actor;
	if (id !== undefined && !z.uuid().safeParse(id).success) {
		return refusalResponse(refusal(404, 'not-found', 'There is no member of staff with that id.'));
	}
	return work({ actor, ip: context.ip, now: context.now() });
}

/** GET /api/v1/admin/staff */
export const listStaffRoute = (context: ApiContext) =>
	asAdmin(context, undefined, async () => jsonResponse({ staff: await listStaff(context.store) }));

/** POST /api/v1/admin/staff */
export const createStaffRoute = (request: Request, context: ApiContext) =>
	asAdmin(context, undefined, async (act) => {
		const input = await readJsonInput(request, BODY_LIMIT, createStaffRequestSchema);
		if (isRefusal(input)) return refusalResponse(input);
		return answer(await createStaff(context.store, act, input.data), 201);
	});

/** GET /api/v1/admin/staff/[id] */
export const getStaffRoute = (context: ApiContext, id: string) =>
	asAdmin(context, id, async () => answer(await getStaff(context.store, id)));

/** PATCH /api/v1/admin/staff/[id]: name, role, areas. */
export const updateStaffRoute = (request: Request, context: ApiContext, id: string) =>
	asAdmin(context, id, async (act) => {
		const input = await readJsonInput(request, BODY_LIMIT, updateStaffRequestSchema);
		if (isRefusal(input)) return refusalResponse(input);
		return answer(await updateStaff(context.store, act, id, input.data));
	});

/** POST /api/v1/admin/staff/[id]/disable and /enable */
export const setDisabledRoute = (context: ApiContext, id: string, disabled: boolean) =>
	asAdmin(context, id, async (act) => answer(await setDisabled(context.store, act, id, disabled)));

/** POST /api/v1/admin/staff/[id]/reset-password */
export const resetPasswordRoute = (request: Request, context: ApiContext, id: string) =>
	asAdmin(context, id, async (act) => {
		const input = await readJsonInput(request, BODY_LIMIT, resetPasswordRequestSchema);
		if (isRefusal(input)) return refusalResponse(input);
		return answer(await resetPassword(context.store, act, id, input.data.password));
	});
