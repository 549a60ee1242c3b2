import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	STAFF_MAX,
	staffResponseSchema,
	type Colleague,
	type StaffResponse
} from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import { handleSync } from './http';
import { withinBound } from './staff';
import { addStaffAs, APP_REQUEST, openSyncDatabase, SYNC_STAFF } from './testing';
import type { Actor } from '../auth/actor';
import type { SyncDatabase } from './storage';

const envelope = { protocol: 1, schemaVersion: 1, clientId: '0a1b2c3d-0000-4000-8000-00000000000a' };

describe.each(testDatabases)('the staff directory on $kind', (kind) => {
	let database: SyncDatabase;
	let cleanup: (() => Promise<void>) | undefined;
	let staff: Record<string, Actor>;

	beforeAll(async () => {
		if (!available(kind)) return;
		const opened = await openSyncDatabase(kind);
		({ database, cleanup } = opened);
		const db = database.db;
		staff = {
			edenCoach: await addStaffAs(db, 'eden.coach', 'coach', ['eden']),
			carlisleCoach: await addStaffAs(db, 'carlisle.coach', 'coach', ['carlisle', 'eden']),
			barrowCoach: await addStaffAs(db, 'barrow.coach', 'coach', ['barrow']),
			edenOfficer: await addStaffAs(db, 'eden.officer', 'fireOfficer', ['eden']),
			edenTeam: await addStaffAs(db, 'eden.team', 'areaTeam', ['eden']),
			edenManager: await addStaffAs(db, 'eden.manager', 'manager', ['eden']),
			gone: await addStaffAs(db, 'gone.coach', 'coach', ['eden'])
		};
		await db
			.updateTable('staff')
			.set({ disabled: 1 })
			.where('id', '=', staff.gone?.staffId ?? '')
			.execute();
	});
	afterAll(async () => cleanup?.());

	async function directoryFor(actor: Actor): Promise<StaffResponse> {
		const answer = await handleSync(
			'staff',
			JSON.stringify(envelope),
			{ ...APP_REQUEST, actor },
			{ database }
		);
		expect(answer.status).toBe(200);
		return staffResponseSchema.parse(answer.body);
	}
	const names = (response: StaffResponse) => response.staff.map((member) => member.displayName);
	const who = (key: string) => staff[key] as Actor;

	it.skipIf(!available(kind))(
		'names the coaches and fire officers who share an area, and the person themselves',
		async () => {
			expect(names(await directoryFor(who('edenCoach')))).toEqual([
				'carlisle.coach',
				'eden.coach',
				'eden.officer',
				'gone.coach'
			]);
			// Someone of another role sees the assignable staff of their areas and themselves.
			expect(names(await directoryFor(who('edenTeam')))).toEqual([
				'carlisle.coach',
				'eden.coach',
				'eden.officer',
				'eden.team',
				'gone.coach'
			]);
			expect(names(await directoryFor(who('barrowCoach')))).toEqual(['barrow.coach']);
		}
	);

	it.skipIf(!available(kind))(
		'gives names, roles, areas and whether the account is active; nothing else',
		async () => {
			const { staff: listed } = await directoryFor(who('edenManager'));
			expect(listed.find((member) => member.id === who('carlisleCoach').staffId)).toStrictEqual({
				id: who('carlisleCoach').staffId,
				displayName: 'carlisle.coach',
				role: 'coach',
				areaIds: ['carlisle', 'eden'],
				active: true
			});
			expect(listed.find((member) => member.id === who('gone').staffId)?.active).toBe(false);
			expect(JSON.stringify(listed)).not.toContain('username');
		}
	);

	it.skipIf(!available(kind))(
		'an administrator of every area sees every coach and fire officer',
		async () => {
			const listed = names(await directoryFor(SYNC_STAFF));
			expect(listed).toEqual([
				'barrow.coach',
				'carlisle.coach',
				'eden.coach',
				'eden.officer',
				'gone.coach',
				SYNC_STAFF.displayName
			]);
		}
	);

	it.skipIf(!available(kind))('refuses a body that is not the envelope, naming what is wrong', async () => {
		const answer = await handleSync(
			'staff',
			JSON.stringify({ ...envelope, areas: ['eden'] }),
			{ ...APP_REQUEST, actor: who('edenCoach') },
			{ database }
		);
		expect(answer.status).toBe(400);
		expect(JSON.stringify(answer.body)).toContain('areas');
	});
});

describe('withinBound', () => {
	it('keeps an answer within what a device accepts, the person themselves first', () => {
		const member = (i: number): Colleague => ({
			id: `0c0ac400-0000-4000-8000-${String(i).padStart(12, '0')}`,
			displayName: `Coach ${String(i).padStart(5, '0')}`,
			role: 'coach',
			areaIds: ['eden'],
			active: true
		});
		const everyone = Array.from({ length: STAFF_MAX + 10 }, (_, i) => member(i));
		const me = member(STAFF_MAX + 5);
		const kept = withinBound(everyone, me.id);
		expect(kept).toHaveLength(STAFF_MAX);
		expect(kept[0]).toEqual(me);
		expect(kept[1]).toEqual(member(0));
		expect(staffResponseSchema.safeParse({ staff: kept }).success).toBe(true);
		expect(withinBound(everyone.slice(0, 3), me.id)).toEqual(everyone.slice(0, 3));
	});
});
