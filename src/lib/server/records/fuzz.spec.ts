import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '$lib/domain/api-error';
import { apiRecordSchema, recordPageSchema } from '$lib/domain/record-api';
import { RECORD_TYPES, type RecordType } from '$lib/domain/records';
import { checkRecordData } from '$lib/domain/sync/validate';
import type { ApiContext } from '../api/context';
import { contextFor, jsonRequest } from '../api/testing';
import { openAuthDatabase, PASSWORD } from '../auth/testing';
import { available, testDatabases } from '../db/testing';
import {
	archiveRecordRoute,
	createRecordRoute,
	listRecordsRoute,
	readRecordRoute,
	RECORD_BODY_LIMIT,
	updateRecordRoute
} from './routes';
import { HOME, recordUrl, SAMPLE_CHANGE, sampleData, signedInByCookie } from './testing';

/** Every answer is what its endpoint promises, or a 4xx in the API's error shape that says what is wrong. */
async function expectWellFormed(response: Response, success: 'record' | 'page') {
	const body: unknown = await response.json();
	if (response.status < 300) {
		const schema = success === 'record' ? apiRecordSchema : recordPageSchema;
		expect(schema.safeParse(body).success).toBe(true);
		return;
	}
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.status).toBeLessThan(500);
	const error = apiErrorSchema.parse(body).error;
	expect(error.status).toBe(response.status);
	expect(error.message.length).toBeGreaterThan(10);
}

describe.each(testDatabases)('bad input to the record endpoints on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let admin: ApiContext;
	const existing = new Map<RecordType, string>();
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		await opened.addStaff('fuzz.admin', 'admin', { areaIds: [HOME] });
		admin = contextFor(opened.store, await signedInByCookie(opened.store, 'fuzz.admin', PASSWORD));
		for (const type of RECORD_TYPES) {
			const response = await createRecordRoute(
				jsonRequest(`/api/v1/records/${type}`, { area: HOME, data: sampleData(type) }),
				admin,
				type
			);
			existing.set(type, apiRecordSchema.parse(await response.json()).id);
		}
	});
	afterAll(async () => opened?.cleanup());

	const typeParam = fc.oneof(
		fc.constantFrom<string>(...RECORD_TYPES),
		fc.constantFrom('', 'assets', 'constructor', '__proto__', '..', 'VISIT'),
		fc.string({ maxLength: 30 })
	);
	const idFor = (type: string) =>
		fc.oneof(
			fc.constant(existing.get(type as RecordType) ?? '00000000-0000-4000-8000-000000000000'),
			fc.uuid(),
			fc.string({ maxLength: 40 }),
			fc.constantFrom('', 'null', '../../etc', '1 OR 1=1')
		);
	/** Bodies as sent: well-formed ones near the schema, any JSON, or text that is not JSON. */
	const bodyFor = (type: string) => {
		const known = (RECORD_TYPES as readonly string[]).includes(type) ? (type as RecordType) : 'asset';
		const data = fc.oneof(
			fc.constant(sampleData(known)),
			fc.constant(SAMPLE_CHANGE[known]),
			fc.dictionary(
				fc.oneof(fc.constantFrom('name', 'status', 'notes', 'constructor', 'toString'), fc.string()),
				fc.jsonValue({ maxDepth: 3 })
			),
			fc.jsonValue({ maxDepth: 3 })
		);
		const shaped = fc.record(
			{
				area: fc.oneof(fc.constantFrom('eden', 'copeland', 'narnia'), fc.jsonValue({ maxDepth: 1 })),
				data,
				extra: fc.jsonValue({ maxDepth: 1 })
			},
			{ requiredKeys: [] }
		);
		return fc.oneof(
			shaped.map((value) => JSON.stringify(value)),
			fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
			fc.string({ maxLength: 60 }),
			fc.constantFrom('', '{', '[]', 'null', '{"area":"eden","data":{}}', '\uFEFF{}', '{"a":1}}')
		);
	};
	const query = fc
		.dictionary(
			fc.constantFrom('area', 'archived', 'limit', 'after', 'x'),
			fc.oneof(
				fc.string({ maxLength: 20 }),
				fc.constantFrom('eden', 'only', 'include', '0', '201', '-1', '1e3')
			)
		)
		.map((params) => `?${new URLSearchParams(params).toString()}`);

	describe.skipIf(!available(kind))('', () => {
		it('answers any type, id, body and query with a record, a page or a clear 4xx; never a 5xx', async () => {
			const call = fc
				.tuple(typeParam, fc.constantFrom('list', 'read', 'create', 'update', 'archive', 'restore'))
				.chain(([type, action]) =>
					fc.record({
						type: fc.constant(type),
						action: fc.constant(action),
						id: idFor(type),
						body: bodyFor(type),
						query
					})
				);
			await fc.assert(
				fc.asyncProperty(call, async ({ type, action, id, body, query: search }) => {
					const path = `/api/v1/records/${type}/${id}`;
					switch (action) {
						case 'list':
							return expectWellFormed(
								await listRecordsRoute(recordUrl(`/${type}${search}`), admin, type),
								'page'
							);
						case 'read':
							return expectWellFormed(await readRecordRoute(admin, type, id), 'record');
						case 'create':
							return expectWellFormed(
								await createRecordRoute(jsonRequest(path, body), admin, type),
								'record'
							);
						case 'update':
							return expectWellFormed(
								await updateRecordRoute(jsonRequest(path, body, 'PATCH'), admin, type, id),
								'record'
							);
						default:
							return expectWellFormed(
								await archiveRecordRoute(admin, type, id, action === 'archive'),
								'record'
							);
					}
				}),
				{ numRuns: 300 }
			);
			// Whatever was accepted is still a valid record of its type.
			for (const row of await opened.db.selectFrom('record').selectAll().execute()) {
				const data = JSON.parse(row.data) as Record<string, unknown>;
				expect(checkRecordData(row.type as RecordType, data).ok, row.id).toBe(true);
			}
		});

		it('refuses a body over the limit with 413, and reads no further than one byte past it', async () => {
			const huge = JSON.stringify({ area: HOME, data: { notes: 'x'.repeat(RECORD_BODY_LIMIT) } });
			const response = await createRecordRoute(jsonRequest('/api/v1/records/asset', huge), admin, 'asset');
			expect(response.status).toBe(413);
			expect(apiErrorSchema.parse(await response.json()).error.code).toBe('payload-too-large');
		});

		it('names each wrong field of a body of the wrong types', async () => {
			const response = await createRecordRoute(
				jsonRequest('/api/v1/records/asset', { area: 7, data: ['not', 'an', 'object'] }),
				admin,
				'asset'
			);
			expect(response.status).toBe(400);
			const paths = apiErrorSchema.parse(await response.json()).error.errors?.map((e) => e.path);
			expect(paths?.sort()).toEqual(['area', 'data']);
		});
	});
});
