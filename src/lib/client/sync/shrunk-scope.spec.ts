import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AreaId } from '$lib/domain/areas';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { referralKind } from '$lib/domain/record-kinds';
import { exampleReferral } from '$lib/domain/referral/fixtures';
import type { Actor } from '$lib/server/auth/actor';
import { sqliteTestDatabase } from '$lib/server/db/testing';
import { handleSync, type SyncEndpoint, type SyncServer } from '$lib/server/sync';
import {
	addStaffAs,
	APP_REQUEST,
	openSyncDatabase,
	ProtocolDevice,
	serverClock,
	signedInAs,
	type Fields
} from '$lib/server/sync/testing';
import { clientIdOf } from '../store/meta';
import type { DeviceDatabase } from '../store/database';
import { storedIn, testDatabase } from '../store/testing';
import { RecordRepository } from '../store/repository';
import { SyncEngine } from './engine';
import { HttpSyncTransport } from './http-transport';
import { pullAll } from './pull';

/**
 * A coach's areas shrink on the server: the real client (engine, repository, HTTP transport over
 * fake-indexeddb) against the real server's `handleSync`, signed in through a real session.
 */

let server: SyncServer;
let cleanup: () => Promise<void>;
let device: DeviceDatabase;

beforeEach(async () => {
	const opened = await openSyncDatabase(sqliteTestDatabase);
	server = { database: opened.database, now: serverClock().clock };
	cleanup = opened.cleanup;
	device = testDatabase(`shrunk-${Math.random()}`);
});
afterEach(async () => {
	await device.delete();
	await cleanup();
});

const referral = (): Fields => JSON.parse(JSON.stringify(exampleReferral())) as Fields;

function transportFor(actor: () => Promise<Actor>) {
	const fetcher = (async (url: string, init?: RequestInit) => {
		const endpoint = url.slice(url.lastIndexOf('/') + 1) as SyncEndpoint;
		const answer = await handleSync(
			endpoint,
			String(init?.body),
			{ ...APP_REQUEST, actor: await actor() },
			server
		);
		return new Response(answer.json ?? JSON.stringify(answer.body), {
			status: answer.status,
			headers: { 'content-type': 'application/json' }
		});
	}) as typeof fetch;
	return new HttpSyncTransport({ fetcher, online: () => true });
}

describe('when a person’s areas shrink', () => {
	it('the next sync drops what they may no longer see and keeps every change waiting on the device', async () => {
		const { db } = server.database;
		const admin = new ProtocolDevice(server, 'Admin desk');
		const hall = admin.create(JSON.parse(JSON.stringify(exampleAsset())) as Fields, 'copeland', 'asset');
		const here = admin.create(referral(), 'eden', 'referral');
		const edited = admin.create(referral(), 'copeland', 'referral');
		const untouched = admin.create(referral(), 'copeland', 'referral');
		await admin.sync();

		const coach = await addStaffAs(db, 'coach', 'coach', ['eden', 'copeland']);
		const actor = await signedInAs(db, coach.staffId);
		const engine = new SyncEngine(device, { transport: transportFor(actor), deviceName: 'Coach tablet' });
		const referrals = new RecordRepository(device, referralKind as never);
		await engine.sync();
		const held = async () => (await device.records.toCollection().primaryKeys()).sort();
		expect(await held()).toEqual([hall.recordId, here.recordId, edited.recordId, untouched.recordId].sort());

		// Edited on the device, not yet sent, when an administrator takes Copeland away.
		const note = { ...referral(), whatMatters: 'Called, no answer' };
		await referrals.update(here.recordId, note);
		await referrals.update(edited.recordId, note);
		const setAreas = (areaIds: AreaId[]) =>
			db
				.updateTable('staff')
				.set({ area_ids: JSON.stringify(areaIds) })
				.where('id', '=', coach.staffId)
				.execute();
		await setAreas(['eden']);

		const clientId = await device.write(() => clientIdOf(device.meta));
		const pulled = await pullAll({
			db: device,
			transport: transportFor(actor),
			clientId,
			now: () => new Date().toISOString()
		});
		expect(pulled.reset).toBe(true);
		// The untouched Copeland referral is gone; the edited one stays with its waiting change.
		expect(await held()).toEqual([hall.recordId, here.recordId, edited.recordId].sort());
		expect((await device.outbox.toArray()).map((entry) => entry.recordId).sort()).toEqual(
			[here.recordId, edited.recordId].sort()
		);

		// Sent: the change in Eden applies; the one in Copeland is refused with the reason and kept.
		await engine.sync();
		expect(await device.outbox.count()).toBe(0);
		const [refused] = await storedIn(device).refused();
		expect(refused).toMatchObject({
			entry: { recordId: edited.recordId },
			reason:
				'You can only change coach referrals in your areas (Eden) or assigned to you. This one is in Copeland.'
		});
		expect(await held()).toContain(edited.recordId);

		// Discarding it asks the server for its copy, which it will not show: the record leaves.
		await engine.discardRefused(refused?.id as number);
		expect(await held()).toEqual([hall.recordId, here.recordId].sort());
		const stored = await db
			.selectFrom('record')
			.select('data')
			.where('id', '=', edited.recordId)
			.executeTakeFirst();
		expect(stored?.data).not.toContain('Called, no answer');
	});
});
