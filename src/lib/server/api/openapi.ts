import { z } from 'zod';
import {
	conflictSchema,
	fetchRequestSchema,
	fetchResponseSchema,
	viewsRequestSchema,
	viewsResponseSchema,
	staffRequestSchema,
	staffResponseSchema,
	jsonValueSchema,
	PROTOCOL_VERSION,
	recordDataSchema,
	versionsSchema,
	pullRequestSchema,
	pullResponseSchema,
	pushRequestSchema,
	pushResponseSchema,
	SCHEMA_VERSION,
	syncErrorSchema,
	syncRecordSchema
} from '$lib/domain/sync/protocol';
import { apiErrorSchema } from '$lib/domain/api-error';
import { HLC_PATTERN } from '$lib/domain/sync/hlc';
import {
	AUDIT_PAGE_MAX,
	auditActionSchema,
	auditChainCheckSchema,
	auditPageSchema,
	auditPeopleSchema
} from '$lib/domain/audit';
import {
	createStaffRequestSchema,
	resetPasswordRequestSchema,
	sessionInfoSchema,
	signInRequestSchema,
	staffListSchema,
	staffSchema,
	updateStaffRequestSchema
} from '$lib/domain/staff';
import { areaIdSchema } from '$lib/domain/areas';
import { mapSourcesSchema } from '$lib/domain/map/tiles';
import {
	apiRecordSchema,
	ARCHIVED_FILTERS,
	createRecordRequestSchema,
	RECORD_PAGE_DEFAULT,
	RECORD_PAGE_MAX,
	recordPageSchema,
	updateRecordRequestSchema
} from '$lib/domain/record-api';
import { RECORD_TYPES } from '$lib/domain/records';

/**
 * The OpenAPI 3.1 document for everything under /api/v1, generated from the Zod schemas the code
 * itself validates with, so it cannot drift from what the server accepts and answers. The few
 * values checked by plain functions for speed are described by hand (`PLAIN_CHECKS`), and the
 * spec holds those descriptions to the checks.
 */

const healthSchema = z.object({
	status: z.enum(['ok', 'degraded', 'down']),
	version: z.string(),
	database: z.object({
		kind: z.enum(['sqlite', 'postgres']),
		reachable: z.boolean(),
		migrations: z
			.object({
				applied: z.number().int(),
				expected: z.number().int(),
				current: z.boolean(),
				pending: z.array(z.string())
			})
			.optional()
	})
});

/** Named schemas: what a device sends (read as input, defaults optional) and what it gets back. */
const REQUESTS = {
	PushRequest: pushRequestSchema,
	PullRequest: pullRequestSchema,
	FetchRequest: fetchRequestSchema,
	ViewsRequest: viewsRequestSchema,
	StaffRequest: staffRequestSchema,
	JsonValue: jsonValueSchema,
	SignInRequest: signInRequestSchema,
	CreateStaffRequest: createStaffRequestSchema,
	UpdateStaffRequest: updateStaffRequestSchema,
	ResetPasswordRequest: resetPasswordRequestSchema,
	CreateRecordRequest: createRecordRequestSchema,
	UpdateRecordRequest: updateRecordRequestSchema
};
const RESPONSES = {
	PushResponse: pushResponseSchema,
	PullResponse: pullResponseSchema,
	FetchResponse: fetchResponseSchema,
	ViewsResponse: viewsResponseSchema,
	StaffResponse: staffResponseSchema,
	SyncRecord: syncRecordSchema,
	Conflict: conflictSchema,
	SyncError: syncErrorSchema,
	Health: healthSchema,
	JsonValue: jsonValueSchema,
	SessionInfo: sessionInfoSchema,
	Staff: staffSchema,
	StaffList: staffListSchema,
	AuditPage: auditPageSchema,
	AuditPeople: auditPeopleSchema,
	AuditChainCheck: auditChainCheckSchema,
	ApiError: apiErrorSchema,
	MapSources: mapSourcesSchema,
	Record: apiRecordSchema,
	RecordPage: recordPageSchema
};

type JsonSchema = Record<string, unknown>;
const JSON_VALUE: z.core.JSONSchema.JSONSchema = {
	anyOf: [
		{ type: 'string' },
		{ type: 'number' },
		{ type: 'boolean' },
		{ type: 'null' },
		{ type: 'array', items: { $ref: '#/components/schemas/JsonValue' } },
		{ type: 'object', additionalProperties: { $ref: '#/components/schemas/JsonValue' } }
	]
};
/** What the schemas checked by plain functions accept, in JSON Schema. */
const PLAIN_CHECKS = new Map<z.core.$ZodType, z.core.JSONSchema.JSONSchema>([
	[jsonValueSchema, JSON_VALUE],
	[recordDataSchema, { type: 'object', additionalProperties: {} }],
	[versionsSchema, { type: 'object', additionalProperties: { type: 'string', pattern: HLC_PATTERN.source } }]
]);
const ref = (name: keyof typeof REQUESTS | keyof typeof RESPONSES) => ({
	$ref: `#/components/schemas/${name}`
});

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
	const generated = z.toJSONSchema(registry, {
		target: 'draft-2020-12',
		io,
		uri: (id) => `#/components/schemas/${id}`,
		// Checked by plain functions for speed (see jsonValueSchema, versionsSchema): described here.
		unrepresentable: ({ zodSchema }) => PLAIN_CHECKS.get(zodSchema) ?? 'throw'
	}) as { schemas: Record<string, JsonSchema> };
	// The document names the dialect once; ids inside components would only confuse resolvers.
	return Object.fromEntries(
		Object.entries(generated.schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema])
	);
}

const json = (schema: JsonSchema, description: string) => ({
	description,
	content: { 'application/json': { schema } }
});

const syncError = (description: string) => json(ref('SyncError'), description);

function syncOperation(summary: string, description: string, request: JsonSchema, response: JsonSchema) {
	return {
		post: {
			tags: ['sync'],
			summary,
			description,
			requestBody: { required: true, content: { 'application/json': { schema: request } } },
			responses: {
				'200': json(response, 'Done.'),
				'400': syncError('The body is not valid JSON or breaks the schema; the message names the field.'),
				'401': syncError(
					'`unauthenticated`: nobody is signed in (the session cookie is missing or has ended).'
				),
				'403': syncError('A call from another website.'),
				'409': syncError(
					'`mutation-gap` (with `expectedMutationId` and the `numbering` to carry from now on), `numbering-stale` (the push was numbered before the last gap answer; nothing applied; with `numbering`), or `server-too-old`: the device is newer than the server.'
				),
				'413': syncError('The body is larger than the server accepts.'),
				'415': syncError('The body is not declared as `application/json`.'),
				'426': syncError('`client-too-old`: update Fellside; changes stay on the device.'),
				'503': syncError('The server could not reach its database; try again later.')
			}
		}
	};
}

const apiError = (description: string) => json(ref('ApiError'), description);
const body = (name: keyof typeof REQUESTS) => ({
	required: true,
	content: { 'application/json': { schema: ref(name) } }
});
/** Answers every cookie-authenticated, state-changing call can give besides its own. */
const CHANGE_ERRORS = {
	'400': apiError('The body is not valid JSON or breaks the schema; `errors` names each field.'),
	'401': apiError('Nobody is signed in.'),
	'403': apiError('A call from another website, or a role that may not do this (audited).'),
	'413': apiError('The body is larger than the server accepts.'),
	'415': apiError('The body is not declared as `application/json`.')
};
const ADMIN_ERRORS = {
	'401': CHANGE_ERRORS['401'],
	'403': apiError('Only administrators manage staff (a refusal is audited).'),
	'404': apiError('No member of staff has that id.')
};
const staffId = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];

function staffAction(summary: string, request?: keyof typeof REQUESTS) {
	return {
		post: {
			tags: ['staff'],
			summary,
			parameters: staffId,
			...(request ? { requestBody: body(request) } : {}),
			responses: { '200': json(ref('Staff'), 'Done.'), ...CHANGE_ERRORS, ...ADMIN_ERRORS }
		}
	};
}

const AUDIT_FILTERS = [
	{ name: 'action', schema: z.toJSONSchema(auditActionSchema) },
	{ name: 'staffId', schema: { type: 'string' } },
	{ name: 'deviceId', schema: { type: 'string' } },
	{ name: 'targetId', schema: { type: 'string' } },
	{ name: 'from', schema: { type: 'string', format: 'date-time' } },
	{ name: 'to', schema: { type: 'string', format: 'date-time' } },
	{ name: 'before', schema: { type: 'integer', minimum: 1 } },
	{ name: 'limit', schema: { type: 'integer', minimum: 1, maximum: AUDIT_PAGE_MAX, default: 50 } }
].map((filter) => ({ ...filter, in: 'query', required: false }));

const AUDIT_REFUSED = apiError(
	'Only managers and administrators search the audit log (a refusal is audited).'
);

/** Sign-in, staff administration and the audit log. */
function authPaths() {
	return {
		'/auth/sign-in': {
			post: {
				tags: ['auth'],
				summary: 'Sign in with a username and password',
				description:
					'Sets the session cookie (`__Host-fellside_session`: Secure, HttpOnly, SameSite=Strict). Throttled per username and address, per address per day, and per account.',
				requestBody: body('SignInRequest'),
				responses: {
					'200': json(ref('SessionInfo'), 'Signed in; the cookie is set.'),
					...CHANGE_ERRORS,
					'401': apiError('The username or password is not right (the same answer for both).'),
					'403': apiError('The account is disabled, or a call from another website.'),
					'429': apiError('Too many failed sign-ins: wait the `Retry-After` seconds.')
				}
			}
		},
		'/auth/sign-out': {
			post: {
				tags: ['auth'],
				summary: 'End the session on the server and clear the cookie',
				responses: {
					'204': { description: 'Signed out.' },
					'403': CHANGE_ERRORS['403'],
					'415': CHANGE_ERRORS['415']
				}
			}
		},
		'/auth/session': {
			get: {
				tags: ['auth'],
				summary: 'Who is signed in, and until when',
				responses: { '200': json(ref('SessionInfo'), 'Signed in.'), '401': CHANGE_ERRORS['401'] }
			}
		},
		'/admin/staff': {
			get: {
				tags: ['staff'],
				summary: 'Every member of staff (administrators only)',
				responses: {
					'200': json(ref('StaffList'), 'The staff.'),
					'401': ADMIN_ERRORS['401'],
					'403': ADMIN_ERRORS['403']
				}
			},
			post: {
				tags: ['staff'],
				summary: 'Add a member of staff',
				requestBody: body('CreateStaffRequest'),
				responses: {
					'201': json(ref('Staff'), 'Added.'),
					...CHANGE_ERRORS,
					'403': ADMIN_ERRORS['403'],
					'409': apiError('The username is taken.')
				}
			}
		},
		'/admin/staff/{id}': {
			get: {
				tags: ['staff'],
				summary: 'One member of staff',
				parameters: staffId,
				responses: { '200': json(ref('Staff'), 'The member of staff.'), ...ADMIN_ERRORS }
			},
			patch: {
				tags: ['staff'],
				summary: 'Change name, role or areas; applies from their next request',
				parameters: staffId,
				requestBody: body('UpdateStaffRequest'),
				responses: {
					'200': json(ref('Staff'), 'Changed.'),
					...CHANGE_ERRORS,
					...ADMIN_ERRORS,
					'409': apiError('An administrator cannot change their own role.')
				}
			}
		},
		'/admin/staff/{id}/disable': staffAction('Disable a member of staff, ending all their sessions'),
		'/admin/staff/{id}/enable': staffAction('Enable a disabled member of staff'),
		'/admin/staff/{id}/reset-password': staffAction(
			'Set a new password, ending all their sessions and lifting any sign-in lock',
			'ResetPasswordRequest'
		),
		'/audit': {
			get: {
				tags: ['audit'],
				summary: 'Search the audit log, newest first (managers and administrators)',
				parameters: AUDIT_FILTERS,
				responses: {
					'200': json(ref('AuditPage'), 'A page of entries; pass `next` as `before` for older ones.'),
					'400': apiError('A filter is not valid; the message names it.'),
					'401': CHANGE_ERRORS['401'],
					'403': AUDIT_REFUSED
				}
			}
		},
		'/audit/staff': {
			get: {
				tags: ['audit'],
				summary: 'The staff a searcher may filter the audit log by: everyone, or a manager’s areas’ staff',
				responses: {
					'200': json(ref('AuditPeople'), 'Names and usernames, by name.'),
					'401': CHANGE_ERRORS['401'],
					'403': AUDIT_REFUSED
				}
			}
		},
		'/audit/verify': {
			get: {
				tags: ['audit'],
				summary: 'Check the audit log’s hash chain from the first entry (administrators only)',
				description:
					'Walks the log in pages, never all of it at once. Answers whether every entry is intact, how many were checked, and the first entry that is altered, out of order or missing.',
				responses: {
					'200': json(
						ref('AuditChainCheck'),
						'`ok` and the entries checked, or where the chain first breaks.'
					),
					'401': CHANGE_ERRORS['401'],
					'403': apiError('Only administrators check the audit log (a refusal is audited).')
				}
			}
		}
	};
}

const recordParameters = (withId: boolean) => [
	{ name: 'type', in: 'path', required: true, schema: { type: 'string', enum: RECORD_TYPES } },
	...(withId ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }] : [])
];
const RECORD_ERRORS = {
	'401': CHANGE_ERRORS['401'],
	'404': apiError(
		'No such record type, or no record with that id that you may see: the same answer for both (a refused read is audited).'
	)
};
const RECORD_WRITE_ERRORS = {
	...CHANGE_ERRORS,
	...RECORD_ERRORS,
	'403': apiError(
		'A call from another website, or outside your rights; the message gives the rule (audited).'
	),
	'409': apiError('The change cannot be applied (the record was removed for good); the message says why.'),
	'422': apiError('The record’s fields break its type’s rules; `errors` names each field.')
};
const LIST_FILTERS = [
	{ name: 'area', schema: { type: 'string', enum: areaIdSchema.options } },
	{ name: 'archived', schema: { type: 'string', enum: ARCHIVED_FILTERS, default: 'exclude' } },
	{
		name: 'limit',
		schema: { type: 'integer', minimum: 1, maximum: RECORD_PAGE_MAX, default: RECORD_PAGE_DEFAULT }
	},
	{ name: 'after', schema: { type: 'string' }, description: 'The `next` of the previous page.' }
].map((filter) => ({ ...filter, in: 'query', required: false }));

function recordAction(summary: string) {
	return {
		post: {
			tags: ['records'],
			summary,
			description: 'Send `Content-Type: application/json`; no body is read.',
			parameters: recordParameters(true),
			responses: { '200': json(ref('Record'), 'Done.'), ...RECORD_WRITE_ERRORS }
		}
	};
}

/**
 * Records of every type, as each person's role and areas allow. Writes are applied exactly as a
 * device's synced change is (merged field by field, conflicts kept, audited).
 */
function recordPaths() {
	return {
		'/records/{type}': {
			get: {
				tags: ['records'],
				summary: 'The records of a type that you may see, a page at a time',
				description:
					'A page may hold fewer than `limit` records while `next` is not null: keep asking until it is. Views of visits, referrals, households and flood contacts are audited.',
				parameters: [...recordParameters(false), ...LIST_FILTERS],
				responses: {
					'200': json(ref('RecordPage'), 'A page of records.'),
					'400': apiError('A filter is not valid; `errors` names it.'),
					...RECORD_ERRORS,
					'403': apiError('Your role never sees this type of record (audited).')
				}
			},
			post: {
				tags: ['records'],
				summary: 'Add a record',
				requestBody: body('CreateRecordRequest'),
				parameters: recordParameters(false),
				responses: { '201': json(ref('Record'), 'Added; `Location` names it.'), ...RECORD_WRITE_ERRORS }
			}
		},
		'/records/{type}/{id}': {
			get: {
				tags: ['records'],
				summary: 'One record (a view of a sensitive record is audited)',
				parameters: recordParameters(true),
				responses: { '200': json(ref('Record'), 'The record.'), ...RECORD_ERRORS }
			},
			patch: {
				tags: ['records'],
				summary: 'Change some fields of a record, or its area',
				parameters: recordParameters(true),
				requestBody: body('UpdateRecordRequest'),
				responses: { '200': json(ref('Record'), 'The record as it is now.'), ...RECORD_WRITE_ERRORS }
			}
		},
		'/records/{type}/{id}/archive': recordAction('Archive a record'),
		'/records/{type}/{id}/restore': recordAction('Bring an archived record back')
	};
}

export function openApiDocument(version: string) {
	const schemas = { ...components(REQUESTS, 'input'), ...components(RESPONSES, 'output') };
	return {
		openapi: '3.1.0',
		jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
		info: {
			title: 'Fellside API',
			version,
			description: `Fellside's server API. Sync protocol ${PROTOCOL_VERSION}, record schema version ${SCHEMA_VERSION}; see docs/sync-protocol.md. Every call but health and this document needs a signed-in member of staff (the session cookie); every call that changes anything must be JSON from Fellside itself.`
		},
		servers: [{ url: '/api/v1' }],
		paths: {
			'/health': {
				get: {
					tags: ['server'],
					summary: 'Whether the server and its database are working',
					responses: {
						'200': json(ref('Health'), 'Working, with every migration applied.'),
						'503': json(ref('Health'), 'The database is unreachable or migrations are pending.')
					}
				}
			},
			'/sync/push': syncOperation(
				"Send a device's changes",
				'Each change is applied exactly once, in one transaction with its stored answer; replays get the same answer. A change outside the signed-in person’s rights is rejected with `code: forbidden` and the reason, never applied.',
				ref('PushRequest'),
				ref('PushResponse')
			),
			'/sync/pull': syncOperation(
				'Changes after a cursor that the signed-in person may see, in commit order',
				'At most `limit` (default 500) changes; `forget` for records that left the person’s reach; `reset` when the device must download everything again (too far behind, or the person’s role or areas changed).',
				ref('PullRequest'),
				ref('PullResponse')
			),
			'/sync/fetch': syncOperation(
				'The server copy of particular records',
				'Used to discard a refused change. Records the person may not see are answered as missing.',
				ref('FetchRequest'),
				ref('FetchResponse')
			),
			'/sync/views': syncOperation(
				'Report sensitive records opened on the device, and records saved to a file of unsynced changes, for the audit log',
				'Each view (numbered by the device, in order) is recorded once as `record-viewed` (or `record-exported`, for `kind: export`) with when it happened and whether the device was offline; resent views at or below `lastViewId` are not recorded again.',
				ref('ViewsRequest'),
				ref('ViewsResponse')
			),
			'/sync/staff': syncOperation(
				'The staff the signed-in person’s records name, by name',
				'The coaches and fire officers who share an area with the person (disabled accounts marked `active: false`), and the person themselves: names, roles and areas only. Devices keep the answer, so who a referral or visit is assigned to shows, and can be chosen, with no signal.',
				ref('StaffRequest'),
				ref('StaffResponse')
			),
			...authPaths(),
			...recordPaths(),
			'/map/config': {
				get: {
					tags: ['map'],
					summary: "The map's online sources",
					description:
						'The tile source (URL template, attribution, maximum zoom, whether saving areas offline is allowed) and the flood-warnings feed, as this server is configured. Devices keep the answer for offline use.',
					responses: { '200': json(ref('MapSources'), 'The configured map sources.') }
				}
			},
			'/openapi.json': {
				get: {
					tags: ['server'],
					summary: 'This document',
					responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document.') }
				}
			}
		},
		components: { schemas }
	};
}
