import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '$lib/domain/api-error';
import { apiRecordSchema, recordPageSchema, type ApiRecord } from '$lib/domain/record-api';
import type { RecordType } from '$lib/domain/records';
import type { ApiContext } from '../api/context';
import { contextFor, jsonRequest } from '../api/testing';
import { searchAudit } from '../audit';
import { openAuthDatabase, PASSWORD } from '../auth/testing';
import { available, testDatabases } from '../db/testing';
import { handleSync } from '../sync/http';
import { APP_REQUEST } from '../sync/testing';
import {
	archiveRecordRoute,
	createRecordRoute,
	listRecordsRoute,
	readRecordRoute,
	updateRecordRoute
} from './routes';
import { AWAY, HOME, recordUrl, SAMPLE_CHANGE, sampleData, signedInByCookie } from './testing';
import { apiClientId } from './write';

const create = (context: ApiContext, type: RecordType, body: unknown) =>
	createRecordRoute(jsonRequest(`/api/v1/records/${type}`, body), context, type);
const patch = (context: ApiContext, type: RecordType, id: string, body: unknown) =>
	updateRecordRoute(jsonRequest(`/api/v1/records/${type}/${id}`, body, 'PATCH'), context, type, id);
const list = (context: ApiContext, type: string, query = '') =>
	listRecordsRoute(recordUrl(`/${type}${query}`), context, type);

async function created(response: Response): Promise<ApiRecord> {
	expect(response.status).toBe(201);
	return apiRecordSchema.parse(await response.json());
}
const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;

describe.each(testDatabases)('the record endpoints on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let admin: ApiContext;
	let coach: ApiContext;
	let coachId: string;
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		await opened.addStaff('ada.admin', 'admin', { areaIds: [HOME] });
		coachId = (await opened.addStaff('cath.coach', 'coach', { areaIds: [HOME] })).id;
		admin = contextFor(opened.store, await signedInByCookie(opened.store, 'ada.admin', PASSWORD));
		coach = contextFor(opened.store, await signedInByCookie(opened.store, 'cath.coach', PASSWORD));
	});
	afterAll(async () => opened?.cleanup());

	const audit = (filters: {
		action?: 'record-viewed' | 'access-refused' | 'record-update';
		targetId?: string;
	}) => searchAudit(opened.db, { limit: 50, ...filters });

	describe.skipIf(!available(kind))('', () => {
		it('adds a record through the sync path: 201, Location, no-store, audited as a change', async () => {
			const response = await create(admin, 'asset', { area: HOME, data: sampleData('asset') });
			expect(response.headers.get('cache-control')).toBe('no-store');
			const record = await created(response);
			expect(response.headers.get('location')).toBe(`/api/v1/records/asset/${record.id}`);
			expect(record).toMatchObject({ type: 'asset', areaId: HOME, archivedAt: null });
			expect(record.data.name).toBe('Greta Side Community Hall');
			const read = await readRecordRoute(admin, 'asset', record.id);
			expect(apiRecordSchema.parse(await read.json())).toEqual(record);
			const change = (await searchAudit(opened.db, { limit: 5, targetId: record.id })).entries;
			expect(change.map((e) => e.action)).toEqual(['record-create']);
			const client = await opened.db.selectFrom('sync_client').selectAll().executeTakeFirstOrThrow();
			expect(client).toMatchObject({ device_name: 'Fellside API' });
		});

		it('refuses data that breaks the type’s rules with 422, naming each field; nothing is stored', async () => {
			const before = await opened.db.selectFrom('record').select('id').execute();
			const response = await create(admin, 'asset', {
				area: HOME,
				data: { ...sampleData('asset'), name: '', shoeSize: 9 }
			});
			expect(response.status).toBe(422);
			const error = await errorOf(response);
			expect(error.code).toBe('invalid-record');
			expect(error.errors?.map((e) => e.path)).toContain('name');
			expect(await opened.db.selectFrom('record').select('id').execute()).toHaveLength(before.length);
		});

		it('refuses a malformed body or a missing area with 400', async () => {
			const broken = await create(admin, 'asset', '{"area": "eden", "data": {');
			expect(broken.status).toBe(400);
			const noArea = await create(admin, 'asset', { data: sampleData('asset') });
			expect(noArea.status).toBe(400);
			expect((await errorOf(noArea)).errors?.[0]?.path).toBe('area');
		});

		it('answers nobody signed in with 401, before saying anything of types or records', async () => {
			const nobody = contextFor(opened.store, null);
			expect((await list(nobody, 'asset')).status).toBe(401);
			expect((await readRecordRoute(nobody, 'nonsense', 'x')).status).toBe(401);
		});

		it('answers an unknown type, a bad id, an absent record and an unreadable one with 404', async () => {
			expect((await list(admin, 'dragons')).status).toBe(404);
			const visit = await created(await create(admin, 'visit', { area: HOME, data: sampleData('visit') }));
			const answers = await Promise.all([
				readRecordRoute(coach, 'visit', 'not-a-uuid'),
				readRecordRoute(coach, 'visit', randomUUID()),
				readRecordRoute(coach, 'visit', visit.id)
			]);
			const bodies = await Promise.all(answers.map((r) => r.text()));
			expect(answers.map((r) => r.status)).toEqual([404, 404, 404]);
			expect(new Set(bodies).size).toBe(1);
			const refused = await audit({ action: 'access-refused', targetId: visit.id });
			expect(refused.entries[0]).toMatchObject({
				staffId: coachId,
				details: { what: 'read', role: 'coach' }
			});
		});

		it('refuses a change outside the person’s rights with 403 and the rule’s reason, audited', async () => {
			const asset = await created(await create(admin, 'asset', { area: HOME, data: sampleData('asset') }));
			const response = await patch(coach, 'asset', asset.id, { data: { name: 'Mine now' } });
			expect(response.status).toBe(403);
			expect((await errorOf(response)).message).toBe('Your role cannot change community assets.');
			const refused = await audit({ action: 'access-refused', targetId: asset.id });
			expect(refused.entries[0]).toMatchObject({ details: { what: 'update' }, areaId: HOME });
			const away = await create(coach, 'referral', { area: AWAY, data: sampleData('referral') });
			expect(away.status).toBe(403);
			expect((await errorOf(away)).message).toBe(
				'You can only add coach referrals in your areas (Eden) or assigned to you. This one is in Copeland.'
			);
		});

		it('changes only the fields that differ, and a move keeps the record in the person’s reach', async () => {
			const referral = await created(
				await create(coach, 'referral', { area: HOME, data: sampleData('referral') })
			);
			const data = { ...referral.data, ...SAMPLE_CHANGE.referral };
			const response = await patch(coach, 'referral', referral.id, { data });
			expect(response.status).toBe(200);
			expect(apiRecordSchema.parse(await response.json()).data.whatMatters).toBe('Walking again.');
			const [entry] = (await audit({ action: 'record-update', targetId: referral.id })).entries;
			expect(entry?.details.fields).toEqual(['whatMatters']);
			// Out of the coach's areas and not assigned to them: refused, and nothing moves.
			const moved = await patch(coach, 'referral', referral.id, { area: AWAY });
			expect(moved.status).toBe(403);
			const mine = await patch(coach, 'referral', referral.id, {
				area: AWAY,
				data: { assignedCoach: coachId }
			});
			expect(apiRecordSchema.parse(await mine.json()).areaId).toBe(AWAY);
		});

		it('views of a sensitive record are audited, by id and never content; an asset’s are not', async () => {
			const referral = await created(
				await create(admin, 'referral', { area: HOME, data: sampleData('referral') })
			);
			await readRecordRoute(coach, 'referral', referral.id);
			const [viewed] = (await audit({ action: 'record-viewed', targetId: referral.id })).entries;
			expect(viewed).toMatchObject({ staffId: coachId, targetType: 'referral', areaId: HOME });
			expect(JSON.stringify(viewed)).not.toContain('Dorothy');
			const asset = await created(await create(admin, 'asset', { area: HOME, data: sampleData('asset') }));
			await readRecordRoute(coach, 'asset', asset.id);
			expect((await audit({ action: 'record-viewed', targetId: asset.id })).entries).toEqual([]);
		});

		it('S17: the audit of adding, reading, listing, changing and archiving holds none of the content', async () => {
			const marker = 'Planted-health-marker-4471';
			const data = { ...sampleData('referral'), whatMatters: marker };
			const referral = await created(await create(coach, 'referral', { area: HOME, data }));
			await readRecordRoute(coach, 'referral', referral.id);
			await list(coach, 'referral');
			await patch(coach, 'referral', referral.id, { data: { whatMatters: `${marker} again` } });
			await archiveRecordRoute(coach, 'referral', referral.id, true);
			await readRecordRoute(admin, 'referral', referral.id);
			const rows = await opened.db.selectFrom('audit_log').selectAll().execute();
			const actions = rows.filter((row) => row.target_id === referral.id).map((row) => row.action);
			expect(new Set(actions)).toEqual(
				new Set(['record-create', 'record-viewed', 'record-update', 'record-archive'])
			);
			expect(JSON.stringify(rows)).not.toContain(marker);
			expect(JSON.stringify(rows)).not.toContain('Dorothy Airey');
		});

		it('archives and restores; lists leave archived records out unless asked', async () => {
			const group = await created(
				await create(admin, 'floodGroup', { area: HOME, data: sampleData('floodGroup') })
			);
			const archived = await archiveRecordRoute(admin, 'floodGroup', group.id, true);
			expect(apiRecordSchema.parse(await archived.json()).archivedAt).not.toBeNull();
			const ids = async (query: string) =>
				recordPageSchema
					.parse(await (await list(admin, 'floodGroup', query)).json())
					.records.map((r) => r.id);
			expect(await ids('')).not.toContain(group.id);
			expect(await ids('?archived=only')).toEqual([group.id]);
			expect(await ids('?archived=include')).toContain(group.id);
			const restored = await archiveRecordRoute(admin, 'floodGroup', group.id, false);
			expect(apiRecordSchema.parse(await restored.json()).archivedAt).toBeNull();
			expect(await ids('')).toContain(group.id);
		});

		it('pages through a list with an opaque cursor, filtered by area', async () => {
			const made = [];
			for (const area of [HOME, HOME, AWAY, HOME, AWAY]) {
				made.push(
					await created(await create(admin, 'floodActivation', { area, data: sampleData('floodActivation') }))
				);
			}
			const seen: string[] = [];
			let after = '';
			for (let pages = 0; pages < 10; pages++) {
				const page = recordPageSchema.parse(
					await (await list(admin, 'floodActivation', `?limit=2&area=${HOME}${after}`)).json()
				);
				expect(page.records.length).toBeLessThanOrEqual(2);
				seen.push(...page.records.map((r) => r.id));
				if (!page.next) break;
				after = `&after=${page.next}`;
			}
			expect(seen.sort()).toEqual(
				made
					.filter((r) => r.areaId === HOME)
					.map((r) => r.id)
					.sort()
			);
			for (const bad of ['?after=zzz', '?limit=201', '?archived=maybe', '?area=narnia', '?colour=red']) {
				expect((await list(admin, 'floodActivation', bad)).status, bad).toBe(400);
			}
		});

		it('a page stops looking after 2,000 records it may not show, and says where to go on', async () => {
			const stamp = new Date().toISOString();
			const hidden = Array.from({ length: 2100 }, () => ({
				id: randomUUID(),
				type: 'floodHousehold',
				area_id: AWAY,
				data: JSON.stringify(sampleData('floodHousehold')),
				versions: '{}',
				created_at: stamp,
				updated_at: stamp
			}));
			for (let i = 0; i < hidden.length; i += 500) {
				await opened.db
					.insertInto('record')
					.values(hidden.slice(i, i + 500))
					.execute();
			}
			const mine = await created(
				await create(admin, 'floodHousehold', { area: HOME, data: sampleData('floodHousehold') })
			);
			const manager = await opened.addStaff('mary.manager', 'manager', { areaIds: [HOME] });
			const context = contextFor(
				opened.store,
				await signedInByCookie(opened.store, manager.username, PASSWORD)
			);
			const pages: number[] = [];
			const seen: string[] = [];
			let after = '';
			for (let i = 0; i < 10; i++) {
				const page = recordPageSchema.parse(await (await list(context, 'floodHousehold', after)).json());
				pages.push(page.records.length);
				seen.push(...page.records.map((r) => r.id));
				if (!page.next) break;
				after = `?after=${page.next}`;
			}
			expect(seen).toEqual([mine.id]);
			expect(pages.length).toBe(2);
		});

		it('numbers concurrent API changes one after another, all applied', async () => {
			const asset = await created(await create(admin, 'asset', { area: HOME, data: sampleData('asset') }));
			const names = ['One', 'Two', 'Three', 'Four'].map((n) => `Hall ${n}`);
			const answers = await Promise.all(
				names.map((name, i) => patch(admin, 'asset', asset.id, { data: { name, description: `d${i}` } }))
			);
			expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
			const client = await opened.db
				.selectFrom('sync_mutation')
				.select(['mutation_id', 'status'])
				.where('client_id', '=', apiClientId(admin.session?.actor.staffId ?? ''))
				.where('record_id', '=', asset.id)
				.execute();
			expect(client.map((m) => m.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
		});

		it('a device’s offline edit of the same field, sent after an API change, is a conflict kept for review', async () => {
			const asset = await created(await create(admin, 'asset', { area: HOME, data: sampleData('asset') }));
			const stored = await opened.db
				.selectFrom('record')
				.select('versions')
				.where('id', '=', asset.id)
				.executeTakeFirstOrThrow();
			const base = JSON.parse(stored.versions) as Record<string, string>;
			expect((await patch(admin, 'asset', asset.id, { data: { name: 'From the office' } })).status).toBe(200);
			const device = randomUUID();
			const answer = await handleSync(
				'push',
				JSON.stringify({
					protocol: 1,
					schemaVersion: 1,
					clientId: device,
					mutations: [
						{
							id: 1,
							recordId: asset.id,
							type: 'asset',
							op: 'update',
							set: { name: 'From the field' },
							hlc: `${String(Date.now() - 1000).padStart(15, '0')}-0000-${device}`,
							base: { name: base.name },
							at: new Date().toISOString()
						}
					]
				}),
				{ ...APP_REQUEST, actor: admin.session?.actor ?? null },
				{ database: opened.store }
			);
			expect(answer.status).toBe(200);
			const conflicts = await opened.db
				.selectFrom('conflict')
				.selectAll()
				.where('record_id', '=', asset.id)
				.execute();
			expect(conflicts.map((c) => c.field)).toEqual(['name']);
		});
	});
});
