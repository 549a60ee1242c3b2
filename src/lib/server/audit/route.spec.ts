import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '$lib/domain/api-error';
import { auditChainCheckSchema, auditPageSchema, auditPeopleSchema } from '$lib/domain/audit';
import type { ApiContext } from '../api/context';
import { contextFor, signedIn } from '../api/testing';
import { openAuthDatabase, PASSWORD, T0, type TestStaff } from '../auth/testing';
import { available, testDatabases } from '../db/testing';
import { recordAudit } from './log';
import { auditRoute, auditStaffRoute, auditVerifyRoute } from './route';
import { tamper } from './testing';

const url = (query = '') => new URL(`http://localhost:3000/api/v1/audit?${query}`);

describe.each(testDatabases)('the audit screens’ API on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let admin: ApiContext;
	let manager: ApiContext;
	let coach: ApiContext;
	let far: TestStaff;
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		await opened.addStaff('alex.admin', 'admin', { areaIds: ['eden', 'carlisle'] });
		await opened.addStaff('fiona.manager', 'manager', { areaIds: ['eden'] });
		await opened.addStaff('helen.coach', 'coach', { areaIds: ['eden'] });
		far = await opened.addStaff('wendy.whitehaven', 'areaTeam', { areaIds: ['copeland'] });
		const as = async (username: string) =>
			contextFor(opened.store, await signedIn(opened.store, username, PASSWORD, T0), { now: () => T0 });
		admin = await as('alex.admin');
		manager = await as('fiona.manager');
		coach = await as('helen.coach');
	});
	afterAll(async () => opened?.cleanup());

	const verdict = async (context: ApiContext) => {
		const response = await auditVerifyRoute(context);
		expect(response.status).toBe(200);
		return auditChainCheckSchema.parse(await response.json());
	};

	describe.skipIf(!available(kind))('', () => {
		it('lists, by name, the staff a searcher may filter by', async () => {
			const names = async (context: ApiContext) =>
				auditPeopleSchema.parse(await (await auditStaffRoute(context)).json()).staff.map((s) => s.username);
			expect(await names(admin)).toEqual(['alex.admin', 'fiona.manager', 'helen.coach', 'wendy.whitehaven']);
			expect(await names(manager)).toEqual(['alex.admin', 'fiona.manager', 'helen.coach']);
			expect((await auditStaffRoute(coach)).status).toBe(403);
			expect((await auditStaffRoute({ ...admin, session: null })).status).toBe(401);
		});

		it('names the staff each page mentions, who acted and whose account changed', async () => {
			await recordAudit(
				opened.store,
				[
					{
						action: 'staff-disable',
						staffId: admin.session?.actor.staffId,
						targetType: 'staff',
						targetId: far.id
					}
				],
				T0
			);
			const page = auditPageSchema.parse(await (await auditRoute(url('action=staff-disable'), admin)).json());
			expect(page.staffNames).toEqual({
				[admin.session?.actor.staffId ?? '']: 'Test alex.admin',
				[far.id]: 'Test wendy.whitehaven'
			});
		});

		it('checks the chain for administrators only, refusing others (audited)', async () => {
			expect((await auditVerifyRoute({ ...admin, session: null })).status).toBe(401);
			const refused = await auditVerifyRoute(manager);
			expect(refused.status).toBe(403);
			expect(apiErrorSchema.parse(await refused.json()).error.message).toBe(
				'Your role (Manager) cannot check the audit log.'
			);
			expect((await auditVerifyRoute(coach)).status).toBe(403);
			const noted = auditPageSchema.parse(
				await (await auditRoute(url('action=access-refused'), admin)).json()
			);
			expect(noted.entries.map((e) => e.details.what)).toEqual(
				expect.arrayContaining(['check the audit log', 'search the audit log'])
			);
		});

		it('says the chain is intact, then names the first entry tampered with', async () => {
			const before = await verdict(admin);
			expect(before.ok).toBe(true);
			// Sign-ins, refusals and the staff action above: every one checked.
			const total = Number(
				(
					await opened.db
						.selectFrom('audit_log')
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirst()
				)?.n
			);
			expect(before.entries).toBe(total);

			await tamper(opened.store, (db) =>
				db.updateTable('audit_log').set({ target_id: 'someone-else' }).where('seq', '=', 3).execute()
			);
			const after = await verdict(admin);
			expect(after).toMatchObject({ ok: false, entries: 2, seq: 3 });
			expect(after.ok || after.problem).toMatch(/entry 3 does not match its hash/);
		});
	});
});
