import { z } from 'zod';
import {
	conflictSchema,
	fetchRequestSchema,
	fetchResponseSchema,
	jsonValueSchema,
	PROTOCOL_VERSION,
	pullRequestSchema,
	pullResponseSchema,
	pushRequestSchema,
	pushResponseSchema,
	SCHEMA_VERSION,
	syncErrorSchema,
	syncRecordSchema
} from '$lib/domain/sync/protocol';
import { mapSourcesSchema } from '$lib/domain/map/tiles';

/**
 * The OpenAPI 3.1 document for everything under /api/v1, generated from the Zod schemas the code
 * itself validates with, so it cannot drift from what the server accepts and answers.
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
	JsonValue: jsonValueSchema
};
const RESPONSES = {
	PushResponse: pushResponseSchema,
	PullResponse: pullResponseSchema,
	FetchResponse: fetchResponseSchema,
	SyncRecord: syncRecordSchema,
	Conflict: conflictSchema,
	SyncError: syncErrorSchema,
	Health: healthSchema,
	MapSources: mapSourcesSchema,
	JsonValue: jsonValueSchema
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
		// A field value is checked by a plain function (see jsonValueSchema): describe it here.
		unrepresentable: ({ zodSchema }) => (zodSchema === jsonValueSchema ? JSON_VALUE : 'throw')
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
				'403': syncError('A call from another website, or a server that does not serve sync yet.'),
				'409': syncError(
					'`mutation-gap` (with `expectedMutationId`), or `server-too-old`: the device is newer than the server.'
				),
				'413': syncError('The body is larger than the server accepts.'),
				'415': syncError('The body is not declared as `application/json`.'),
				'426': syncError('`client-too-old`: update Fellside; changes stay on the device.'),
				'503': syncError('The server could not reach its database; try again later.')
			}
		}
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
			description: `Fellside's server API. Sync protocol ${PROTOCOL_VERSION}, record schema version ${SCHEMA_VERSION}; see docs/sync-protocol.md. Until staff sign-in exists, sync is served only by a server holding fictional demo data.`
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
				'Each change is applied exactly once, in one transaction with its stored answer; replays get the same answer.',
				ref('PushRequest'),
				ref('PushResponse')
			),
			'/sync/pull': syncOperation(
				'Changes after a cursor, in commit order',
				'At most `limit` (default 500) changes; `reset` when the device must download everything again.',
				ref('PullRequest'),
				ref('PullResponse')
			),
			'/sync/fetch': syncOperation(
				'The server copy of particular records',
				'Used to discard a refused change.',
				ref('FetchRequest'),
				ref('FetchResponse')
			),
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
