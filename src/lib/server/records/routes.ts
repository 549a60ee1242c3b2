import { z } from 'zod';
import {
	createRecordRequestSchema,
	recordListQuerySchema,
	updateRecordRequestSchema
} from '$lib/domain/record-api';
import { RECORD_TYPES, recordTypeSchema, type RecordType } from '$lib/domain/records';
import { PUSH_MAX_BYTES } from '$lib/domain/sync/protocol';
import { requireSignedIn } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { readJsonInput } from '../api/json-body';
import { isRefusal, jsonResponse, refusal, refusalResponse, type Refusal } from '../api/refusal';
import { validateInput } from '../api/validate';
import {
	createRecord,
	listRecords,
	readRecord,
	recordNotFound,
	setArchived,
	updateRecord,
	type RecordCall
} from './service';

/** The HTTP side of the record endpoints: thin, so tests call these with a database and clock of their own. */

/** A record's body is at most what one sync change may carry. */
export const RECORD_BODY_LIMIT = PUSH_MAX_BYTES;

const answer = (result: object | Refusal, status = 200, headers: Record<string, string> = {}) =>
	isRefusal(result) ? refusalResponse(result) : jsonResponse(result, status, headers);

/**
 * Signed in (401), a record type that exists (404) and, when the path names one, a record id
 * that could exist (404, as for any record the caller cannot see); then the work.
 */
async function asStaff(
	context: ApiContext,
	typeParam: string,
	id: string | undefined,
	work: (call: RecordCall, type: RecordType) => Promise<Response>
): Promise<Response> {
	const actor = requireSignedIn(context);
	if (actor instanceof Response) return actor;
	const type = recordTypeSchema.safeParse(typeParam);
	if (!type.success) {
		return refusalResponse(
			refusal(
				404,
				'not-found',
				`There is no record type called ${JSON.stringify(typeParam.slice(0, 40))}. The types are ${RECORD_TYPES.join(', ')}.`
			)
		);
	}
	if (id !== undefined && !z.uuid().safeParse(id).success) return refusalResponse(recordNotFound(type.data));
	return work({ context, actor }, type.data);
}

/** GET /api/v1/records/[type]?area=&archived=&limit=&after= */
export const listRecordsRoute = (url: URL, context: ApiContext, typeParam: string) =>
	asStaff(context, typeParam, undefined, async (call, type) => {
		const query = validateInput(recordListQuerySchema, Object.fromEntries(url.searchParams));
		if (isRefusal(query)) return refusalResponse(query);
		return answer(await listRecords(call, type, query.data));
	});

/** POST /api/v1/records/[type] */
export const createRecordRoute = (request: Request, context: ApiContext, typeParam: string) =>
	asStaff(context, typeParam, undefined, async (call, type) => {
		const input = await readJsonInput(request, RECORD_BODY_LIMIT, createRecordRequestSchema);
		if (isRefusal(input)) return refusalResponse(input);
		const created = await createRecord(call, type, input.data);
		if (isRefusal(created)) return refusalResponse(created);
		return jsonResponse(created, 201, { location: `/api/v1/records/${type}/${created.id}` });
	});

/** GET /api/v1/records/[type]/[id] */
export const readRecordRoute = (context: ApiContext, typeParam: string, id: string) =>
	asStaff(context, typeParam, id, async (call, type) => answer(await readRecord(call, type, id)));

/** PATCH /api/v1/records/[type]/[id] */
export const updateRecordRoute = (request: Request, context: ApiContext, typeParam: string, id: string) =>
	asStaff(context, typeParam, id, async (call, type) => {
		const input = await readJsonInput(request, RECORD_BODY_LIMIT, updateRecordRequestSchema);
		if (isRefusal(input)) return refusalResponse(input);
		return answer(await updateRecord(call, type, id, input.data));
	});

/** POST /api/v1/records/[type]/[id]/archive and /restore: no body is read. */
export const archiveRecordRoute = (context: ApiContext, typeParam: string, id: string, archived: boolean) =>
	asStaff(context, typeParam, id, async (call, type) => answer(await setArchived(call, type, id, archived)));
