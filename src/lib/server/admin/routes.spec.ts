import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '$lib/domain/api-error';
import { auditPageSchema } from '$lib/domain/audit';
import { staffListSchema, staffSchema, type Staff } from '$lib/domain/staff';
import { sessionPolicy, type ApiContext } from '../api/context';
import { contextFor, jsonRequest, signedIn, TEST_AUTH } from '../api/testing';
import { recordAudit, searchAudit } from '../audit';
import { auditRoute } from '../audit/route';
import { resolveSession } from '../auth/sessions';
import { signIn } from '../auth/sign-in';
import { openAuthDatabase, PASSWORD, T0 } from '../auth/testing';
import { available, testDatabases } from '../db/testing';
import {
	createStaffRoute,
	getStaffRoute,
	listStaffRoute,
	resetPasswordRoute,
	setDisabledRoute,
	updateStaffRoute
} from './routes';

const NEW_PASSWORD = 'Wet sheep on the A66';
const errorOf = async (response: Response) => apiErrorSchema.parse(await response.json()).error;

describe.each(testDatabases)('staff administration on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let admin: ApiContext;
	let coach: ApiContext;
	let manager: ApiContext;
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		await opened.addStaff('alex.admin', 'admin', { areaIds: ['eden', 'carlisle'] });
		await opened.addStaff('helen.coach', 'coach');
		await opened.addStaff('fiona.manager', 'manager');
		const as = async (username: string) =>
			contextFor(opened.store, await signedIn(opened.store, username, PASSWORD, T0), { now: () => T0 });
		admin = await as('alex.admin');
		coach = await as('helen.coach');
		manager = await as('fiona.manager');
	});
	afterAll(async () => opened?.cleanup());

	const create = (body: unknown, as = admin) =>
		createStaffRoute(jsonRequest('/api/v1/admin/staff', body), as);
	const newStaff = async (username: string): Promise<Staff> => {
		const response = await create({
			username,
			displayName: `New ${username}`,
			role: 'coach',
			areaIds: ['eden'],
			password: NEW_PASSWORD
		});
		expect(response.status).toBe(201);
		return staffSchema.parse(await response.json());
	};
	const tokensOf = async (username: string, count: number) => {
		const tokens: string[] = [];
		for (let i = 0; i < count; i++) {
			const outcome = await signIn(
				opened.store,
				{ username, password: NEW_PASSWORD },
				{ ip: '192.0.2.50', now: T0, policy: sessionPolicy(TEST_AUTH) }
			);
			if (!outcome.ok) throw new Error(outcome.message);
			tokens.push(outcome.token);
		}
		return tokens;
	};
	const live = async (tokens: string[]) =>
		(await Promise.all(tokens.map((t) => resolveSession(opened.db, t, T0, sessionPolicy(TEST_AUTH))))).filter(
			Boolean
		).length;

	describe.skipIf(!available(kind))('', () => {
		it('only administrators: 401 for nobody, 403 (audited) for other roles', async () => {
			expect((await listStaffRoute({ ...admin, session: null })).status).toBe(401);
			const refused = await listStaffRoute(coach);
			expect(refused.status).toBe(403);
			expect((await errorOf(refused)).message).toBe(
				'Your role (Health and Wellbeing Coach) cannot manage staff accounts.'
			);
			const { entries } = await searchAudit(opened.db, { limit: 5, action: 'access-refused' });
			expect(entries[0]).toMatchObject({
				staffId: coach.session?.actor.staffId,
				details: { what: 'manage staff accounts', role: 'coach' }
			});
			expect((await create({}, manager)).status).toBe(403);
		});

		it('lists staff without their password hashes', async () => {
			const response = await listStaffRoute(admin);
			const { staff } = staffListSchema.parse(await response.json());
			expect(staff.map((s) => s.username)).toEqual(expect.arrayContaining(['alex.admin', 'helen.coach']));
			expect(JSON.stringify(staff)).not.toContain('argon2');
		});

		it('creates staff, checking every field and the password, and audits it', async () => {
			const created = await newStaff('mark.tyson');
			expect(created).toMatchObject({
				username: 'mark.tyson',
				role: 'coach',
				areaIds: ['eden'],
				disabled: false,
				hasPassword: true
			});
			expect(
				(
					await signIn(
						opened.store,
						{ username: 'mark.tyson', password: NEW_PASSWORD },
						{ ip: '192.0.2.51', now: T0, policy: sessionPolicy(TEST_AUTH) }
					)
				).ok
			).toBe(true);
			const { entries } = await searchAudit(opened.db, { limit: 1, action: 'staff-create' });
			expect(entries[0]).toMatchObject({
				targetId: created.id,
				staffId: admin.session?.actor.staffId,
				details: { username: 'mark.tyson', role: 'coach' }
			});
			expect(JSON.stringify(entries)).not.toContain(NEW_PASSWORD);

			const duplicate = await create({
				username: 'Mark.Tyson',
				displayName: 'x',
				role: 'coach',
				areaIds: ['eden'],
				password: NEW_PASSWORD
			});
			expect(duplicate.status).toBe(409);
			expect((await errorOf(duplicate)).errors).toEqual([
				{ path: 'username', message: expect.stringContaining('taken') as string }
			]);
		});

		it.each([
			[
				{ username: 'ok.name', displayName: 'A', role: 'coach', areaIds: ['eden'], password: 'password1' },
				'password',
				/most commonly used/
			],
			[
				{ username: 'ok.name', displayName: 'A', role: 'coach', areaIds: ['eden'], password: 'short' },
				'password',
				/at least 8/
			],
			[
				{ username: 'ok.name', displayName: 'A', role: 'chief', areaIds: ['eden'], password: NEW_PASSWORD },
				'role',
				/Choose a role/
			],
			[
				{ username: 'ok.name', displayName: 'A', role: 'coach', areaIds: [], password: NEW_PASSWORD },
				'areaIds',
				/at least one area/
			],
			[
				{ username: 'ok.name', displayName: 'A', role: 'coach', areaIds: ['mars'], password: NEW_PASSWORD },
				'areaIds.0',
				/six Local Committee areas/
			],
			[
				{ username: 'no spaces', displayName: 'A', role: 'coach', areaIds: ['eden'], password: NEW_PASSWORD },
				'username',
				/letters, numbers/
			],
			[
				{ username: 'ok.name', displayName: '  ', role: 'coach', areaIds: ['eden'], password: NEW_PASSWORD },
				'displayName',
				/full name/
			],
			[
				{
					username: 'ok.name',
					displayName: 'A',
					role: 'coach',
					areaIds: ['eden'],
					password: NEW_PASSWORD,
					admin: 1
				},
				'',
				/Unrecognized key/
			]
		])('refuses a bad new member of staff, naming the field (%#)', async (body, path, message) => {
			const response = await create(body);
			expect(response.status).toBe(400);
			const error = await errorOf(response);
			expect(error.errors?.find((e) => e.path === path)?.message).toMatch(message);
		});

		it('edits name, role and areas; the change applies to their next request', async () => {
			const member = await newStaff('joanne.bell');
			const [token = ''] = await tokensOf('joanne.bell', 1);
			const response = await updateStaffRoute(
				jsonRequest(
					`/api/v1/admin/staff/${member.id}`,
					{ role: 'areaTeam', areaIds: ['eden', 'copeland'] },
					'PATCH'
				),
				admin,
				member.id
			);
			expect(response.status).toBe(200);
			expect(staffSchema.parse(await response.json())).toMatchObject({
				role: 'areaTeam',
				areaIds: ['eden', 'copeland']
			});
			const session = await resolveSession(opened.db, token, T0, sessionPolicy(TEST_AUTH));
			expect(session?.actor).toMatchObject({ role: 'areaTeam', areaIds: ['eden', 'copeland'] });
			const empty = await updateStaffRoute(
				jsonRequest(`/api/v1/admin/staff/${member.id}`, {}, 'PATCH'),
				admin,
				member.id
			);
			expect(empty.status).toBe(400);
		});

		it('S03: disabling ends every session at once; enabling lets them sign in again', async () => {
			const member = await newStaff('gary.armstrong');
			const tokens = await tokensOf('gary.armstrong', 3);
			expect(await live(tokens)).toBe(3);
			const response = await setDisabledRoute(admin, member.id, true);
			expect(staffSchema.parse(await response.json()).disabled).toBe(true);
			expect(await live(tokens)).toBe(0);
			const { entries } = await searchAudit(opened.db, { limit: 1, action: 'staff-disable' });
			expect(entries[0]).toMatchObject({ targetId: member.id, details: { sessionsEnded: 3 } });
			expect((await setDisabledRoute(admin, member.id, false)).status).toBe(200);
			// The sessions from before never come back to life.
			expect(await live(tokens)).toBe(0);
			expect(await live(await tokensOf('gary.armstrong', 1))).toBe(1);
		});

		it('resetting a password ends their sessions and lifts a sign-in lock', async () => {
			const member = await newStaff('claire.nixon');
			const tokens = await tokensOf('claire.nixon', 2);
			for (let i = 0; i < 20; i++) {
				await signIn(
					opened.store,
					{ username: 'claire.nixon', password: 'wrong' },
					{ ip: `203.0.113.${i}`, now: T0, policy: sessionPolicy(TEST_AUTH) }
				);
			}
			const response = await resetPasswordRoute(
				jsonRequest(`/api/v1/admin/staff/${member.id}/reset-password`, { password: 'Blencathra at dawn' }),
				admin,
				member.id
			);
			expect(response.status).toBe(200);
			expect(await live(tokens)).toBe(0);
			const again = await signIn(
				opened.store,
				{ username: 'claire.nixon', password: 'Blencathra at dawn' },
				{ ip: '203.0.113.1', now: T0, policy: sessionPolicy(TEST_AUTH) }
			);
			expect(again.ok).toBe(true);
			const weak = await resetPasswordRoute(jsonRequest('/x', { password: 'qwerty123' }), admin, member.id);
			expect((await errorOf(weak)).errors?.[0]?.path).toBe('password');
		});

		it('will not let an administrator disable themselves or change their own role', async () => {
			const self = admin.session?.actor.staffId ?? '';
			expect((await setDisabledRoute(admin, self, true)).status).toBe(409);
			const demote = await updateStaffRoute(jsonRequest('/x', { role: 'coach' }, 'PATCH'), admin, self);
			expect(demote.status).toBe(409);
		});

		it('404 for an unknown or malformed id', async () => {
			expect((await getStaffRoute(admin, '6f1c0000-0000-4000-8000-000000000000')).status).toBe(404);
			expect((await getStaffRoute(admin, "1' or '1'='1")).status).toBe(404);
			expect((await setDisabledRoute(admin, 'nobody', true)).status).toBe(404);
		});

		it("limits a manager's search to their areas and the staff who work in them", async () => {
			const far = await opened.addStaff('wendy.whitehaven', 'areaTeam', { areaIds: ['copeland'] });
			const target = (n: number) => `6f1c0000-0000-4000-8000-00000000000${n}`;
			await recordAudit(
				opened.store,
				[
					{ action: 'record-update', targetType: 'asset', targetId: target(1), areaId: 'eden' },
					{ action: 'record-update', targetType: 'asset', targetId: target(2), areaId: 'copeland' },
					{ action: 'sign-in', staffId: far.id }
				],
				T0
			);
			const url = (query: string) => new URL(`http://localhost:3000/api/v1/audit?${query}`);
			const seen = async (context: ApiContext, query: string) =>
				auditPageSchema.parse(await (await auditRoute(url(query), context)).json()).entries.length;
			expect(await seen(manager, `targetId=${target(1)}`)).toBe(1);
			expect(await seen(manager, `targetId=${target(2)}`)).toBe(0);
			expect(await seen(manager, `staffId=${far.id}`)).toBe(0);
			expect(await seen(admin, `targetId=${target(2)}`)).toBe(1);
			expect(await seen(admin, `staffId=${far.id}`)).toBe(1);
		});

		it('lets managers and administrators search the audit log, and nobody else', async () => {
			const url = (query: string) => new URL(`http://localhost:3000/api/v1/audit?${query}`);
			const page = await auditRoute(url('action=sign-in&limit=2'), manager);
			expect(page.status).toBe(200);
			const body = auditPageSchema.parse(await page.json());
			expect(body.entries).toHaveLength(2);
			expect(body.entries.every((e) => e.action === 'sign-in')).toBe(true);
			expect(body.next).not.toBeNull();
			expect((await auditRoute(url(''), admin)).status).toBe(200);
			expect((await auditRoute(url(''), coach)).status).toBe(403);
			for (const bad of ['limit=1000', 'from=yesterday', 'action=everything', 'colour=blue', 'before=-1']) {
				const response = await auditRoute(url(bad), admin);
				expect(response.status, bad).toBe(400);
			}
		});
	});
});
