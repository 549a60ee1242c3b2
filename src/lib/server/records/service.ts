import {
	may,
	refusal as accessRefusal,
	roleRefusal,
	type AccessAction,
	type Person,
	type RecordFacts
} from '$lib/domain/access/rules';
import { sameValue } from '$lib/domain/common/equality';
import {
	RECORD_PAGE_MAX,
	type ApiRecord,
	type CreateRecordRequest,
	type RecordListQuery,
	type RecordPage,
	type UpdateRecordRequest
} from '$lib/domain/record-api';
import { isSensitiveType } from '$lib/domain/privacy';
import { newRecordId } from '$lib/domain/record-ids';
import { RECORD_TYPE_LABELS, type RecordType } from '$lib/domain/records';
import type { JsonValue, SyncRecord } from '$lib/domain/sync/protocol';
import { refuseAccess } from '../api/authorise';
import type { ApiContext } from '../api/context';
import { refusal, type Refusal } from '../api/refusal';
import { recordAudit, type AuditEvent } from '../audit';
import { scopeOf, type Actor } from '../auth/actor';
import { recordFromRow } from '../sync/rows';
import { decodeCursor, encodeCursor } from './cursor';
import { factsOf, recordFacts } from './facts';
import { apiRecord, findRecord, recordsAfter, type RecordRow } from './store';
import { applyRecordChange, type RecordChange } from './write';

/**
 * The record endpoints' work, given who is acting: every answer decided by the access rules
 * (`$lib/domain/access/rules`), every write applied by sync's push.
 */

/** One API call: the request's context and the member of staff it acts for. */
export interface RecordCall {
	context: ApiContext;
	actor: Actor;
}

const person = (actor: Actor): Person => scopeOf(actor);

/** Absent and not allowed to be seen get the same answer: a caller learns nothing of what exists. */
export const recordNotFound = (type: RecordType) =>
	refusal(
		404,
		'not-found',
		`There is no ${RECORD_TYPE_LABELS[type].one.toLowerCase()} with that id that you can see.`
	);

/** Rows looked through at most per list page, so a page of rare readable records stays cheap. */
const SCAN_LIMIT = 10 * RECORD_PAGE_MAX;

/** What a refusal was about, for the audit entry. */
interface Target {
	type: RecordType;
	id: string | null;
	areaId: string | null;
}
const targetOf = (facts: RecordFacts, id: string | null): Target => ({
	type: facts.type,
	id,
	areaId: facts.areaId
});

/** Refuse, audited: what was tried, on which record, with `answer` as the reply. */
function refuse(call: RecordCall, action: AccessAction, target: Target, answer: Refusal): Promise<Refusal> {
	const refused = {
		targetType: target.type,
		targetId: target.id,
		areaId: target.areaId,
		details: { what: action }
	};
	return refuseAccess(call.context, call.actor, refused, answer);
}

/** A 403 giving the access rules' own reason. */
function forbidden(call: RecordCall, action: AccessAction, facts: RecordFacts, id: string | null) {
	const reason = accessRefusal(person(call.actor), action, facts) ?? 'You cannot do this.';
	return refuse(call, action, targetOf(facts, id), refusal(403, 'forbidden', reason));
}

/** Views of sensitive records, for the audit: which records, never what they hold. */
async function noteViews(call: RecordCall, rows: readonly RecordRow[]): Promise<void> {
	const events = rows
		.filter((row) => isSensitiveType(row.type))
		.map((row): AuditEvent => ({
			action: 'record-viewed',
			staffId: call.actor.staffId,
			deviceId: call.actor.deviceId,
			ip: call.context.ip,
			targetType: row.type,
			targetId: row.id,
			areaId: row.area_id
		}));
	if (events.length > 0) await recordAudit(call.context.store, events, call.context.now());
}

/** GET /records/{type}: the records of the type this person may see, in pages. */
export async function listRecords(
	call: RecordCall,
	type: RecordType,
	query: RecordListQuery
): Promise<RecordPage | Refusal> {
	const never = roleRefusal(call.actor.role, 'read', type);
	if (never) {
		const target = { type, id: null, areaId: query.area ?? null };
		return refuse(call, 'read', target, refusal(403, 'forbidden', never));
	}
	let after = query.after === undefined ? null : decodeCursor(query.after);
	if (after === undefined) {
		return refusal(400, 'bad-request', 'after must be the next value of an earlier page.', [
			{ path: 'after', message: 'Not a value this server gave as next' }
		]);
	}
	const shown: RecordRow[] = [];
	let scanned = 0;
	for (;;) {
		const batch = Math.min(RECORD_PAGE_MAX, SCAN_LIMIT - scanned);
		const rows = await recordsAfter(call.context.store.db, type, query, after, batch);
		scanned += rows.length;
		for (const [i, row] of rows.entries()) {
			if (!may(person(call.actor), 'read', recordFacts(row))) continue;
			shown.push(row);
			if (shown.length === query.limit) {
				const more = i < rows.length - 1 || rows.length === batch;
				return page(call, shown, more ? row.id : null);
			}
		}
		after = rows.at(-1)?.id ?? after;
		if (rows.length < batch) return page(call, shown, null);
		if (scanned >= SCAN_LIMIT) return page(call, shown, after);
	}
}

async function page(call: RecordCall, rows: RecordRow[], nextId: string | null): Promise<RecordPage> {
	await noteViews(call, rows);
	return { records: rows.map(apiRecord), next: nextId === null ? null : encodeCursor(nextId) };
}

/** The stored record, if this person may see it; otherwise a 404 (audited when it exists). */
async function readable(call: RecordCall, type: RecordType, id: string): Promise<RecordRow | Refusal> {
	const row = await findRecord(call.context.store.db, type, id);
	if (!row) return recordNotFound(type);
	if (!may(person(call.actor), 'read', recordFacts(row))) {
		return refuse(call, 'read', targetOf(recordFacts(row), id), recordNotFound(type));
	}
	return row;
}

/** GET /records/{type}/{id} */
export async function readRecord(
	call: RecordCall,
	type: RecordType,
	id: string
): Promise<ApiRecord | Refusal> {
	const row = await readable(call, type, id);
	if ('code' in row) return row;
	await noteViews(call, [row]);
	return apiRecord(row);
}

/** POST /records/{type} */
export async function createRecord(
	call: RecordCall,
	type: RecordType,
	input: CreateRecordRequest
): Promise<ApiRecord | Refusal> {
	const id = newRecordId();
	const facts = factsOf(type, input.area, input.data, call.actor.staffId);
	if (!may(person(call.actor), 'create', facts)) return forbidden(call, 'create', facts, null);
	const set = Object.fromEntries(Object.entries(input.data).filter(([, value]) => value !== null));
	return write(call, { op: 'create', type, recordId: id, set, area: input.area }, undefined);
}

/** PATCH /records/{type}/{id}: the fields that differ from the stored record are changed. */
export async function updateRecord(
	call: RecordCall,
	type: RecordType,
	id: string,
	input: UpdateRecordRequest
): Promise<ApiRecord | Refusal> {
	const row = await readable(call, type, id);
	if ('code' in row) return row;
	const before = recordFacts(row);
	if (!may(person(call.actor), 'update', before)) return forbidden(call, 'update', before, id);
	const current = recordFromRow(row);
	const set: Record<string, JsonValue> = {};
	for (const [key, value] of Object.entries(input.data ?? {})) {
		const stored = Object.hasOwn(current.data, key) ? current.data[key] : undefined;
		if (!sameValue(value ?? undefined, stored)) set[key] = value;
	}
	const area = input.area !== undefined && input.area !== current.areaId ? input.area : undefined;
	if (Object.keys(set).length === 0 && !area) return apiRecord(row);
	// Moved or reassigned, it must still be a record this person may change.
	const data: Record<string, unknown> = { ...current.data, ...set };
	for (const [key, value] of Object.entries(set)) if (value === null) delete data[key];
	const after = factsOf(type, area ?? current.areaId, data, before.createdBy);
	if (!may(person(call.actor), 'update', after)) return forbidden(call, 'update', after, id);
	return write(call, { op: 'update', type, recordId: id, set, ...(area ? { area } : {}) }, current);
}

/** POST /records/{type}/{id}/archive and /restore */
export async function setArchived(
	call: RecordCall,
	type: RecordType,
	id: string,
	archived: boolean
): Promise<ApiRecord | Refusal> {
	const row = await readable(call, type, id);
	if ('code' in row) return row;
	const facts = recordFacts(row);
	if (!may(person(call.actor), 'archive', facts)) return forbidden(call, 'archive', facts, id);
	const op = archived ? 'archive' : 'restore';
	return write(call, { op, type, recordId: id }, recordFromRow(row));
}

/** Apply through push; the record as stored after, or push's reason for refusing the change. */
async function write(
	call: RecordCall,
	change: RecordChange,
	current: SyncRecord | undefined
): Promise<ApiRecord | Refusal> {
	const { context, actor } = call;
	const clock = () => context.now().getTime();
	const result = await applyRecordChange(context.store, actor, change, current, clock);
	if (result.status === 'rejected') {
		const reason = result.reason ?? 'The server refused this change.';
		if (result.errors?.length) return refusal(422, 'invalid-record', reason, result.errors);
		return refusal(409, 'conflict', reason);
	}
	const row = await findRecord(context.store.db, change.type, change.recordId);
	if (!row) throw new Error(`Record ${change.recordId} was applied but cannot be read back`);
	return apiRecord(row);
}
