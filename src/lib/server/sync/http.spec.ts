import fc from 'fast-check';
import {
	afterAll,
	afterEach,
	beforeAll,
	beforeEach,
	describe,
	expect,
	it,
	vi,
	type MockInstance
} from 'vitest';
import { encodeHlc } from '$lib/domain/sync/hlc';
import {
	fetchResponseSchema,
	pullResponseSchema,
	pushResponseSchema,
	staffResponseSchema,
	syncErrorSchema,
	viewsResponseSchema
} from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import {
	BODY_LIMITS,
	handleSync,
	SYNC_ENDPOINTS,
	type SyncAnswer,
	type SyncEndpoint,
	type SyncRequestInfo,
	type SyncServer
} from './http';
import { APP_REQUEST, HALL, openSyncDatabase, T0 } from './testing';

const CLIENT = '0a1b2c3d-0000-4000-8000-00000000000a';
const envelope = { protocol: 1, schemaVersion: 1, clientId: CLIENT };
const pullBody = JSON.stringify({ ...envelope, cursor: null });

/** The error an answer carries, checked against the protocol's error shape. */
function errorOf(answer: SyncAnswer) {
	const parsed = syncErrorSchema.parse(answer.body);
	expect(parsed.error.status).toBe(answer.status);
	return parsed.error;
}

/** Every answer is a success the protocol's schema accepts, or a 4xx that says what is wrong. */
function expectWellFormed(endpoint: SyncEndpoint, answer: SyncAnswer) {
	if (answer.status === 200) {
		const schema = {
			push: pushResponseSchema,
			pull: pullResponseSchema,
			fetch: fetchResponseSchema,
			views: viewsResponseSchema,
			staff: staffResponseSchema
		}[endpoint];
		expect(schema.safeParse(answer.body).success).toBe(true);
		return;
	}
	expect(answer.status).toBeGreaterThanOrEqual(400);
	expect(answer.status).toBeLessThan(500);
	expect(errorOf(answer).message.length).toBeGreaterThan(10);
}

describe.each(testDatabases)('handleSync on $kind', (kind) => {
	let server: SyncServer;
	let cleanup: (() => Promise<void>) | undefined;
	beforeAll(async () => {
		if (!available(kind)) return;
		const opened = await openSyncDatabase(kind);
		cleanup = opened.cleanup;
		server = { database: opened.database, now: () => T0 };
	});
	afterAll(async () => cleanup?.());

	const call = (endpoint: SyncEndpoint, body: unknown, info: Partial<SyncRequestInfo> = {}) =>
		handleSync(endpoint, body, { ...APP_REQUEST, ...info }, server);

	describe.skipIf(!available(kind))('checks, in order', () => {
		it('415 unless the body is declared as JSON', async () => {
			for (const contentType of [
				null,
				'text/plain',
				'application/x-www-form-urlencoded',
				'multipart/form-data'
			]) {
				const answer = await call('pull', pullBody, { contentType, origin: 'https://evil.example' });
				expect(answer.status).toBe(415);
				expect(errorOf(answer)).toMatchObject({ code: 'unsupported-media-type' });
			}
			expect((await call('pull', pullBody, { contentType: 'Application/JSON; charset=utf-8' })).status).toBe(
				200
			);
		});

		it('403 for a call from another website (S07)', async () => {
			const crossSite = [
				{ origin: 'https://evil.example' },
				{ origin: 'http://localhost:3001' },
				{ secFetchSite: 'cross-site', origin: null },
				{ secFetchSite: 'same-site', origin: null }
			];
			for (const info of crossSite) {
				const answer = await call('push', '{', info);
				expect(answer.status).toBe(403);
				expect(errorOf(answer)).toMatchObject({
					code: 'forbidden',
					message: expect.stringContaining('another website') as string
				});
			}
			// A client that is not a browser sends neither header.
			expect((await call('pull', pullBody, { origin: null, secFetchSite: null })).status).toBe(200);
		});

		it('401 for every endpoint unless a member of staff is signed in', async () => {
			for (const endpoint of SYNC_ENDPOINTS) {
				const answer = await call(endpoint, pullBody, { actor: null });
				expect(answer.status).toBe(401);
				expect(errorOf(answer)).toMatchObject({
					code: 'unauthenticated',
					message: expect.stringContaining('Sign in to Fellside to sync') as string
				});
			}
		});

		it('413 for a body over the limit, before reading it as JSON', async () => {
			for (const endpoint of SYNC_ENDPOINTS) {
				const huge = `{"x":"${'a'.repeat(BODY_LIMITS[endpoint])}"}`;
				for (const body of [huge, new TextEncoder().encode(huge), { x: 'a'.repeat(BODY_LIMITS[endpoint]) }]) {
					const answer = await call(endpoint, body);
					expect(answer.status).toBe(413);
					expect(errorOf(answer).code).toBe('payload-too-large');
				}
			}
		});

		it('400 for a body that is not JSON, not UTF-8, or nested absurdly deep', async () => {
			const bodies = [
				'',
				'{"protocol":',
				'undefined',
				new Uint8Array([0x7b, 0xff, 0x7d]),
				'['.repeat(5000) + ']'.repeat(5000)
			];
			const messages = [];
			for (const body of bodies) {
				const answer = await call('push', body);
				expect(answer.status).toBe(400);
				messages.push(errorOf(answer).message);
			}
			expect(messages).toEqual([
				expect.stringContaining('not valid JSON'),
				expect.stringContaining('not valid JSON'),
				expect.stringContaining('not valid JSON'),
				'The request body is not valid UTF-8 text.',
				'The request is nested more than 32 levels deep.'
			]);
		});

		it('an old client against a newer schema is told to update; a newer one that the server is behind', async () => {
			const mutations = [{ broken: true }];
			const old = await call('push', JSON.stringify({ ...envelope, schemaVersion: 0, mutations }));
			expect(old.status).toBe(426);
			expect(errorOf(old)).toMatchObject({
				code: 'client-too-old',
				message: expect.stringContaining('Update Fellside') as string
			});
			const oldProtocol = await call('pull', JSON.stringify({ ...envelope, protocol: 0, cursor: null }));
			expect(oldProtocol.status).toBe(426);
			for (const newer of [{ schemaVersion: 2 }, { protocol: 2 }]) {
				const answer = await call('push', JSON.stringify({ ...envelope, ...newer, mutations }));
				expect(answer.status).toBe(409);
				expect(errorOf(answer)).toMatchObject({
					code: 'server-too-old',
					message: expect.stringContaining('server is updated') as string
				});
			}
		});

		it('400 naming the field that is wrong', async () => {
			const mutation = {
				id: 1,
				recordId: 'not-a-uuid',
				type: 'asset',
				op: 'create',
				hlc: encodeHlc({ ms: T0, counter: 0, node: CLIENT }),
				at: new Date(T0).toISOString()
			};
			const answer = await call('push', JSON.stringify({ ...envelope, mutations: [mutation] }));
			expect(answer.status).toBe(400);
			expect(errorOf(answer)).toMatchObject({
				code: 'bad-request',
				message: 'The request is not valid. mutations.0.recordId: recordId must be a UUID.'
			});
			const unknownKey = await call(
				'pull',
				JSON.stringify({ ...envelope, cursor: null, since: 'yesterday' })
			);
			expect(errorOf(unknownKey).message).toContain('since');
		});
	});

	describe.skipIf(!available(kind))(
		'fuzzed bodies: always a 4xx that says what is wrong, never a 5xx',
		() => {
			// A fault the server catches (and refuses the change over) is still a fault: it logs.
			let faults: MockInstance<typeof console.error>;
			beforeEach(() => {
				faults = vi.spyOn(console, 'error');
			});
			afterEach(() => {
				expect(faults).not.toHaveBeenCalled();
				faults.mockRestore();
			});

			const hlc = fc.oneof(
				fc.constant(encodeHlc({ ms: T0, counter: 0, node: CLIENT })),
				fc.integer({ min: 0, max: 10 ** 15 - 1 }).map((ms) => encodeHlc({ ms, counter: 0, node: CLIENT })),
				fc.jsonValue()
			);
			const fieldValue = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(null));
			const set = fc.oneof(
				fc.constant(HALL),
				fc.dictionary(
					fc.constantFrom(
						'name',
						'kind',
						'status',
						'lifecycle',
						'description',
						'constructor',
						'__proto__',
						'x'
					),
					fieldValue
				),
				fc.jsonValue()
			);
			const mutation = fc.record(
				{
					id: fc.oneof(fc.constant(1), fc.integer(), fc.double(), fc.jsonValue()),
					recordId: fc.oneof(fc.uuid({ version: 4 }), fc.string()),
					type: fc.oneof(fc.constantFrom('asset', 'visit', 'referral', 'floodGroup'), fc.jsonValue()),
					op: fc.oneof(fc.constantFrom('create', 'update', 'archive', 'restore'), fc.string()),
					set,
					area: fc.oneof(fc.constantFrom('eden', 'carlisle'), fc.jsonValue()),
					hlc,
					base: fc.oneof(
						fc.constant({}),
						fc.dictionary(fc.constantFrom('name', '@archived', '@area', 'x'), hlc),
						fc.jsonValue()
					),
					at: fc.oneof(fc.constant(new Date(T0).toISOString()), fc.string()),
					resolves: fc.oneof(fc.array(fc.uuid({ version: 4 }), { maxLength: 3 }), fc.jsonValue())
				},
				{ requiredKeys: [] }
			);
			const pushBody = fc.record(
				{
					protocol: fc.oneof(fc.constant(1), fc.jsonValue()),
					schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
					clientId: fc.oneof(fc.uuid({ version: 4 }), fc.jsonValue()),
					deviceName: fc.oneof(fc.string(), fc.jsonValue()),
					mutations: fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.jsonValue())
				},
				{ requiredKeys: [] }
			);
			const pullish = fc.record(
				{
					protocol: fc.oneof(fc.constant(1), fc.jsonValue()),
					schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
					clientId: fc.oneof(fc.uuid({ version: 4 }), fc.jsonValue()),
					cursor: fc.oneof(fc.constant(null), fc.nat().map(String), fc.jsonValue()),
					limit: fc.oneof(fc.integer(), fc.jsonValue()),
					ids: fc.oneof(fc.array(fc.uuid({ version: 4 }), { maxLength: 3 }), fc.jsonValue())
				},
				{ requiredKeys: [] }
			);
			const deep = fc.integer({ min: 1, max: 3000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
			const anyText = fc.oneof(
				fc.string(),
				fc.string({ unit: 'binary' }),
				deep,
				fc.jsonValue().map((v) => JSON.stringify(v))
			);

			for (const endpoint of SYNC_ENDPOINTS) {
				it(`${endpoint}: any JSON or text`, async () => {
					await fc.assert(
						fc.asyncProperty(anyText, async (body) => expectWellFormed(endpoint, await call(endpoint, body))),
						{ numRuns: 150 }
					);
				});
			}

			it('views: bodies close to valid, with wrong types anywhere', async () => {
				const view = fc.record(
					{
						id: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
						recordId: fc.oneof(fc.uuid({ version: 4 }), fc.string()),
						type: fc.oneof(fc.constantFrom('asset', 'visit', 'referral', 'floodContact'), fc.jsonValue()),
						at: fc.oneof(fc.constant(new Date(T0).toISOString()), fc.string()),
						offline: fc.oneof(fc.boolean(), fc.jsonValue())
					},
					{ requiredKeys: [] }
				);
				const viewsBody = fc.record(
					{
						protocol: fc.oneof(fc.constant(1), fc.jsonValue()),
						schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue()),
						clientId: fc.oneof(fc.uuid({ version: 4 }), fc.jsonValue()),
						views: fc.oneof(fc.array(view, { minLength: 1, maxLength: 5 }), fc.jsonValue())
					},
					{ requiredKeys: [] }
				);
				await fc.assert(
					fc.asyncProperty(viewsBody, async (body) =>
						expectWellFormed('views', await call('views', JSON.stringify(body)))
					),
					{ numRuns: 200 }
				);
			});

			it('push: bodies close to valid, with wrong types anywhere', async () => {
				await fc.assert(
					fc.asyncProperty(pushBody, async (body) =>
						expectWellFormed('push', await call('push', JSON.stringify(body)))
					),
					{ numRuns: 200 }
				);
			});

			it('push: valid shapes with any field values, merged against records that exist', async () => {
				const validHlc = fc
					.integer({ min: 0, max: 10 ** 15 - 1 })
					.map((ms) => encodeHlc({ ms, counter: 0, node: CLIENT }));
				const fieldName = fc.constantFrom(
					'name',
					'kind',
					'status',
					'lifecycle',
					'description',
					'contacts',
					'location',
					'constructor',
					'toString',
					'x'
				);
				const change = fc.record({
					recordId: fc.constantFrom(
						'6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
						'7f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b'
					),
					type: fc.constantFrom('asset', 'visit'),
					op: fc.constantFrom('create', 'update', 'archive', 'restore'),
					set: fc.oneof(
						fc.constant(HALL),
						fc.dictionary(fieldName, fc.oneof(fc.jsonValue(), fc.constant(null)))
					),
					area: fc.constantFrom('eden', 'carlisle'),
					hlc: validHlc,
					base: fc.dictionary(
						fc.oneof(fieldName, fc.constantFrom('@archived', '@area')),
						fc.oneof(validHlc, fc.constant(null))
					),
					at: fc.constant(new Date(T0).toISOString())
				});
				await fc.assert(
					fc.asyncProperty(
						fc.uuid({ version: 4 }),
						fc.array(change, { minLength: 1, maxLength: 8 }),
						async (clientId, changes) => {
							const mutations = changes.map((c, i) => ({ ...c, id: i + 1 }));
							const answer = await call('push', JSON.stringify({ ...envelope, clientId, mutations }));
							expectWellFormed('push', answer);
							expect(answer.status).toBe(200);
						}
					),
					{ numRuns: 150 }
				);
			});

			it('pull and fetch: bodies close to valid, with wrong types anywhere', async () => {
				await fc.assert(
					fc.asyncProperty(
						pullish,
						fc.constantFrom('pull', 'fetch') as fc.Arbitrary<'pull' | 'fetch'>,
						async (body, endpoint) => expectWellFormed(endpoint, await call(endpoint, JSON.stringify(body)))
					),
					{ numRuns: 200 }
				);
			});
		}
	);
});
