import { z } from 'zod';
import { areaIdSchema } from '../areas';
import { isSensitiveType, SENSITIVE_RECORD_TYPES } from '../privacy';
import { recordTypeSchema, staffRoleSchema } from '../records';
import { hlcSchema, isHlc, type Hlc } from './hlc';

/**
 * The sync protocol between a device and the server, shared by the client engine, the API routes,
 * the OpenAPI document and the tests. `docs/sync-protocol.md` explains it in prose.
 */

/** The wire protocol's version: bumped when requests or answers change shape. */
export const PROTOCOL_VERSION = 1;
/** The record schemas' version: bumped when a record type changes incompatibly. */
export const SCHEMA_VERSION = 1;
/** The oldest record schema version this server still accepts changes from. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;

export const PUSH_MAX_MUTATIONS = 100;
export const PUSH_MAX_BYTES = 256 * 1024;
export const PULL_PAGE_SIZE = 500;
export const PULL_MAX_PAGE_SIZE = 1000;
export const FETCH_MAX_IDS = 500;
export const VIEWS_MAX = 500;

/** A record's own data field. */
export const dataFieldSchema = z
	.string()
	.regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'A field name must be letters and digits, starting with a letter');
/** Envelope fields versioned like data fields: the record's area and whether it is archived. */
export const AREA_KEY = '@area';
export const ARCHIVED_KEY = '@archived';
export const versionKeySchema = z.union([dataFieldSchema, z.literal(AREA_KEY), z.literal(ARCHIVED_KEY)], {
	error: `A version key must be a field name, ${AREA_KEY} or ${ARCHIVED_KEY}`
});
export type VersionKey = z.infer<typeof versionKeySchema>;

const clientIdSchema = z.uuid({ error: 'clientId must be a UUID' });
const versioned = {
	protocol: z.literal(PROTOCOL_VERSION, { error: `protocol must be ${PROTOCOL_VERSION}` }),
	schemaVersion: z.number({ error: 'schemaVersion must be a number' }).int().positive(),
	clientId: clientIdSchema
};

export type JsonValue = z.core.util.JSONType;

/** Whether a value is plain JSON (finite numbers, plain objects), walked without recursion. */
export function isJsonValue(value: unknown): value is JsonValue {
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const item = stack.pop();
		if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
		if (typeof item === 'number' && Number.isFinite(item)) continue;
		if (Array.isArray(item)) for (const child of item) stack.push(child);
		else if (typeof item === 'object' && isPlainObject(item)) {
			for (const child of Object.values(item)) stack.push(child);
		} else return false;
	}
	return true;
}

/** An object literal (from any realm), not a Date, Map or class instance. */
export function isPlainObject(item: object): boolean {
	const prototype: unknown = Object.getPrototypeOf(item);
	return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * Any JSON value: what a data field may hold before its record type's schema checks it. A plain
 * check rather than `z.json()`, whose recursive union took most of the time of checking a push.
 */
export const jsonValueSchema = z.custom<JsonValue>(isJsonValue, {
	error: 'A field value must be text, a number, true or false, null, a list or an object'
});

export const mutationOpSchema = z.enum(['create', 'update', 'archive', 'restore'], {
	error: 'op must be create, update, archive or restore'
});

/**
 * One change made on a device. `set` holds the data fields it changed (null removes a field);
 * `base` the version of each key the device had when it made the change, so the server can tell
 * an edit made with knowledge of another from one made concurrently with it (a key left out, or
 * null: the device had no version of it).
 */
export const mutationSchema = z.strictObject({
	id: z.number({ error: 'mutation id must be a number' }).int().positive().max(Number.MAX_SAFE_INTEGER),
	recordId: z.uuid({ error: 'recordId must be a UUID' }),
	type: recordTypeSchema,
	op: mutationOpSchema,
	set: z.record(dataFieldSchema, jsonValueSchema).default({}),
	area: areaIdSchema.optional(),
	hlc: hlcSchema,
	base: z.record(versionKeySchema, hlcSchema.nullable()).default({}),
	at: z.iso.datetime({ error: 'at must be an ISO date-time' }),
	/** Open conflicts this change settles (a person chose or edited the value in conflict review). */
	resolves: z.array(z.uuid()).max(50).optional()
});
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationInput = z.input<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
	...versioned,
	/** What people call this device, shown beside its edits in conflict review. */
	deviceName: z.string().trim().max(100).optional(),
	/**
	 * How many gap answers the device had taken in when it numbered these changes (0 before any):
	 * a push numbered before a later gap answer is refused (`numbering-stale`), never applied. A push
	 * without it (an app from before it) is refused as too old once the device has had a gap answer.
	 */
	numbering: z.number().int().nonnegative().optional(),
	mutations: z
		.array(mutationSchema)
		.min(1, 'mutations must hold at least one change')
		.max(PUSH_MAX_MUTATIONS, `A push may carry at most ${PUSH_MAX_MUTATIONS} changes`)
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });

/** Machine-readable kinds of refused change, beside the reason in words. */
export const MUTATION_REFUSAL_CODES = [
	/** The person's role, areas or assignments do not allow the change. */
	'forbidden'
] as const;

export const mutationResultSchema = z.object({
	id: z.number().int().positive(),
	status: z.enum(['applied', 'rejected']),
	/** Why a change was refused, in words a person can act on. */
	reason: z.string().optional(),
	/** What kind of refusal, when the device may treat it specially (absent for other refusals). */
	code: z.enum(MUTATION_REFUSAL_CODES).optional(),
	errors: z.array(fieldProblemSchema).optional(),
	/** Conflicts this change raised. */
	conflicts: z.array(z.uuid()).optional()
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	lastMutationId: z.number().int().nonnegative(),
	results: z.array(mutationResultSchema)
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.strictObject({
	...versioned,
	/**
	 * Null for a device that has nothing yet (or downloads everything again); otherwise the cursor
	 * the last page gave, stored as it came: its form is the server's business.
	 */
	cursor: z
		.string()
		.regex(/^\d{1,15}(f\d{1,15})?$/, 'cursor must be a cursor the server gave')
		.nullable(),
	limit: z.number().int().min(1).max(PULL_MAX_PAGE_SIZE).optional()
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Whether a value is an object of fields (not null, a list or a class instance). */
export const isFields = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && isPlainObject(value);

/**
 * A record's data as the server holds it: any fields (each record type's schema checks them where
 * they are used). One plain check per record rather than a schema per field: see `versionsSchema`.
 */
export const recordDataSchema = z.custom<Record<string, unknown>>(isFields, {
	error: 'data must be an object of fields'
});

/**
 * A record's clock stamp for each key, as one plain check per record: a download of 10,000 records
 * carries some 150,000 stamps, and a schema per stamp took as long as every other check together.
 */
export const versionsSchema = z.custom<Record<string, Hlc>>(
	(value) => isFields(value) && Object.values(value).every(isHlc),
	{ error: 'versions must give each key a clock stamp like 001767225600000-0000-<client id>' }
);

export const syncRecordSchema = z.object({
	id: z.uuid(),
	type: recordTypeSchema,
	areaId: areaIdSchema,
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	archivedAt: z.iso.datetime().nullable(),
	data: recordDataSchema,
	versions: versionsSchema
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

/** One side of a conflict: the value, its clock stamp and who made it. */
export const conflictSideSchema = z.object({
	value: z.unknown(),
	hlc: hlcSchema,
	clientId: z.string(),
	deviceName: z.string().nullable(),
	staffId: z.string().nullable()
});
export type ConflictSide = z.infer<typeof conflictSideSchema>;

export const conflictSchema = z.object({
	id: z.uuid(),
	recordId: z.uuid(),
	type: recordTypeSchema,
	areaId: areaIdSchema,
	/** The field both sides changed, or `@archived` when a record was archived while edited. */
	field: versionKeySchema,
	status: z.enum(['open', 'resolved']),
	/** The value every device now holds (the later clock stamp won). */
	kept: conflictSideSchema,
	/** The value that lost, kept here so a person can choose it. */
	other: conflictSideSchema,
	detectedAt: z.iso.datetime(),
	resolvedAt: z.iso.datetime().nullable(),
	resolvedBy: z.string().nullable()
});
export type Conflict = z.infer<typeof conflictSchema>;

export const pullChangeSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('record'), record: syncRecordSchema }),
	z.object({ kind: z.literal('conflict'), conflict: conflictSchema }),
	/** A record removed from the server for good (erasure, retention): the device drops it. */
	z.object({ kind: z.literal('tombstone'), id: z.uuid(), type: recordTypeSchema }),
	/**
	 * A record the person signed in may no longer see (moved to another area, reassigned): the
	 * device drops its copy, keeping any of its own changes not yet accepted by the server.
	 */
	z.object({ kind: z.literal('forget'), id: z.uuid(), type: recordTypeSchema })
]);
export type PullChange = z.infer<typeof pullChangeSchema>;

export const pullResponseSchema = z.union([
	z.object({
		reset: z.literal(false).optional(),
		cursor: z.string(),
		more: z.boolean(),
		changes: z.array(pullChangeSchema)
	}),
	/**
	 * Download everything again: the device is further behind than the server keeps tombstones, or
	 * the person's role or areas (or the person signed in) changed since its last pull.
	 */
	z.object({ reset: z.literal(true), reason: z.string() })
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** The current server copy of particular records (to discard a refused local change). */
export const fetchRequestSchema = z.strictObject({
	...versioned,
	ids: z.array(z.uuid()).min(1).max(FETCH_MAX_IDS)
});
export type FetchRequest = z.infer<typeof fetchRequestSchema>;
export const fetchResponseSchema = z.object({
	records: z.array(syncRecordSchema),
	missing: z.array(z.uuid())
});
export type FetchResponse = z.infer<typeof fetchResponseSchema>;

/**
 * A sensitive record opened on a device, or any record saved to a file of unsynced changes
 * (`kind: 'export'`), for the audit log: which record, when and whether the device had signal,
 * never what it holds. `id` counts up on each device; the server records each id once, so a report
 * resent after a lost answer is not recorded twice.
 */
export const recordViewSchema = z
	.strictObject({
		id: z.number({ error: 'view id must be a number' }).int().positive().max(Number.MAX_SAFE_INTEGER),
		recordId: z.uuid({ error: 'recordId must be a UUID' }),
		type: recordTypeSchema,
		kind: z.enum(['view', 'export'], { error: "kind must be 'view' or 'export'" }).optional(),
		at: z.iso.datetime({ error: 'at must be an ISO date-time' }),
		offline: z.boolean({ error: 'offline must be true or false' })
	})
	.refine((view) => view.kind === 'export' || isSensitiveType(view.type), {
		path: ['type'],
		error: `Only views of ${SENSITIVE_RECORD_TYPES.join(', ')} records are reported`
	});
export type RecordView = z.infer<typeof recordViewSchema>;

export const viewsRequestSchema = z.strictObject({
	...versioned,
	deviceName: z.string().trim().max(100).optional(),
	views: z
		.array(recordViewSchema)
		.min(1, 'views must hold at least one view')
		.max(VIEWS_MAX, `A report may carry at most ${VIEWS_MAX} views`)
});
export type ViewsRequest = z.infer<typeof viewsRequestSchema>;
export const viewsResponseSchema = z.object({
	/** Every view up to this id is in the audit log: the device may let them go. */
	lastViewId: z.number().int().nonnegative()
});
export type ViewsResponse = z.infer<typeof viewsResponseSchema>;

/**
 * The staff a person's records name: the coaches and fire officers who work in any of their areas
 * (and the person themselves), so the device can show who a referral or visit is assigned to, and
 * offer them when assigning, with no signal. Names and areas only: never usernames or anything
 * of their accounts.
 */
export const staffRequestSchema = z.strictObject({ ...versioned });
export type StaffRequest = z.infer<typeof staffRequestSchema>;

export const colleagueSchema = z.object({
	id: z.uuid(),
	displayName: z.string().min(1).max(100),
	role: staffRoleSchema,
	areaIds: z.array(areaIdSchema).max(6),
	/** A disabled account: still named on the records assigned to it, never offered for new ones. */
	active: z.boolean()
});
export type Colleague = z.infer<typeof colleagueSchema>;

/** Far more staff than any county employs: a bound on what a device keeps. */
export const STAFF_MAX = 5000;

export const staffResponseSchema = z.object({
	staff: z.array(colleagueSchema).max(STAFF_MAX)
});
export type StaffResponse = z.infer<typeof staffResponseSchema>;

/** Machine-readable codes of the errors sync endpoints answer with, beside a plain-English message. */
export const SYNC_ERROR_CODES = [
	'bad-request',
	'client-too-old',
	'server-too-old',
	'mutation-gap',
	/** The push was numbered before the server's last gap answer to the device: nothing applied. */
	'numbering-stale',
	'payload-too-large',
	'unsupported-media-type',
	'unauthenticated',
	'forbidden',
	/** The person's account is disabled: the device removes everything it holds for them. */
	'account-disabled',
	'unavailable'
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const syncErrorSchema = z.object({
	error: z.object({
		status: z.number(),
		code: z.enum(SYNC_ERROR_CODES),
		message: z.string(),
		/** On `mutation-gap`: the mutation id the server expects next. */
		expectedMutationId: z.number().int().positive().optional(),
		/** On `mutation-gap` and `numbering-stale`: the numbering the device's pushes are to carry now. */
		numbering: z.number().int().nonnegative().optional()
	})
});
export type SyncError = z.infer<typeof syncErrorSchema>;
