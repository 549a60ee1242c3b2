import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import { assetKind, referralKind, visitKind } from '$lib/domain/record-kinds';
import { exampleReferral } from '$lib/domain/referral/fixtures';
import type { Referral } from '$lib/domain/referral';
import { encodeHlc } from '$lib/domain/sync/hlc';
import type { Conflict, SyncRecord } from '$lib/domain/sync/protocol';
import type { Visit } from '$lib/domain/visit';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import { SyncEngine } from '../sync/engine';
import { ScriptedTransport } from '../sync/testing';
import { SealBroken, type FieldCipher } from '../vault/cipher';
import type { DeviceDatabase } from './database';
import { DraftStore } from './drafts';
import { RecordRepository } from './repository';
import { steppedOptions, storedIn, testCipher, testDatabase, testId } from './testing';

/** Every object store of a database read with the plain IndexedDB API, typed arrays as latin1 text. */
async function rawDump(name: string): Promise<string> {
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(name);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	const stores = [...idb.objectStoreNames];
	const tx = idb.transaction(stores, 'readonly');
	const read = (store: string, what: 'getAll' | 'getAllKeys') =>
		new Promise<unknown[]>((resolve, reject) => {
			const request = tx.objectStore(store)[what]();
			request.onsuccess = () => resolve(request.result as unknown[]);
			request.onerror = () => reject(request.error);
		});
	const dump: Record<string, unknown> = {};
	for (const store of stores)
		dump[store] = { keys: await read(store, 'getAllKeys'), values: await read(store, 'getAll') };
	idb.close();
	return JSON.stringify(dump, (_key, value: unknown) => {
		if (ArrayBuffer.isView(value))
			return latin1(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
		if (value instanceof ArrayBuffer) return latin1(new Uint8Array(value));
		return value;
	});
}
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Values no other part of the store could hold by chance. */
const M = {
	occupant: 'Zebedee Quillfeather',
	occupantPhone: '+441632960777',
	street: '31 Marrowgate Lonning',
	visitPostcode: 'CA12 4QX',
	visitNotes: 'Oxygen cylinders kept under the stairs (marker-vn)',
	fallsReason: 'Three falls since Whitsun (marker-fr)',
	homeLat: 54.612345,
	referralName: 'Philippa Thwaitesbeck',
	dateOfBirth: '1939-07-29',
	nhsNumber: '9990000018',
	referralPhone: '+447700900888',
	whatMatters: 'Her allotment and the brass band (marker-wm)',
	editedNotes: 'Fell again on Tuesday (marker-edit)',
	draftLabel: 'a coach referral for Ottoline Brackenrigg',
	draftValue: 'Lives with her son Barnaby Skelwith',
	refusedReason: 'Rejected for Ivor Scaleby (marker-rr)',
	conflictKept: 'Kept value Wilhelmina Hartsop',
	conflictOther: 'Other value Wilhelmina Seatoller',
	serverName: 'Cuthbert Grisedale',
	serverPostcode: 'LA22 7QF'
};

function markedVisit(): Visit {
	const visit = exampleVisit();
	const [occupant] = visit.occupants;
	return {
		...visit,
		address: { line1: M.street, town: 'Penrith', postcode: M.visitPostcode },
		location: { lat: M.homeLat, lon: -2.7498, accuracyM: 8 },
		occupants: [{ ...occupant!, name: M.occupant, phone: M.occupantPhone }],
		onwardReferrals: [{ to: 'fallsTeam', reason: M.fallsReason, consentToShare: true }],
		notes: M.visitNotes
	};
}

function markedReferral(): Referral {
	const referral = exampleReferral();
	return {
		...referral,
		person: {
			...referral.person,
			name: M.referralName,
			dateOfBirth: M.dateOfBirth,
			nhsNumber: M.nhsNumber,
			phone: M.referralPhone
		},
		whatMatters: M.whatMatters
	};
}

const T0 = Date.UTC(2026, 10, 23, 9);
const stamp = (minutes: number, node = 'server') =>
	encodeHlc({ ms: T0 + minutes * 60_000, counter: 0, node });

function serverVisit(): SyncRecord {
	const data = {
		...exampleVisit(),
		address: { line1: '2 Fell Foot', town: 'Ambleside', postcode: M.serverPostcode }
	};
	data.occupants = [{ ...data.occupants[0]!, name: M.serverName }];
	return {
		id: testId(50),
		type: 'visit',
		areaId: 'south-lakeland',
		createdAt: '2026-11-20T10:00:00.000Z',
		updatedAt: '2026-11-20T10:00:00.000Z',
		archivedAt: null,
		data,
		versions: Object.fromEntries([...Object.keys(data), '@area'].map((key) => [key, stamp(0)]))
	};
}

function conflictOn(recordId: string): Conflict {
	return {
		id: testId(70),
		recordId,
		type: 'visit',
		areaId: 'eden',
		field: 'notes',
		status: 'open',
		kept: { value: M.conflictKept, hlc: stamp(2), clientId: 'x', deviceName: null, staffId: null },
		other: { value: M.conflictOther, hlc: stamp(1), clientId: 'y', deviceName: null, staffId: null },
		detectedAt: '2026-11-23T10:00:00.000Z',
		resolvedAt: null,
		resolvedBy: null
	};
}

let db: DeviceDatabase;
let visits: RecordRepository<Visit>;
let referrals: RecordRepository<Referral>;
let server: ScriptedTransport;

beforeEach(() => {
	db = testDatabase('sealed');
	const options = steppedOptions();
	visits = new RecordRepository(db, visitKind, options);
	referrals = new RecordRepository(db, referralKind, options);
	server = new ScriptedTransport();
});
afterEach(async () => {
	await db.delete();
});

/** A visit and a referral saved, edited, refused, in conflict, pulled and drafted, all carrying markers. */
async function fillTheDevice() {
	const engine = new SyncEngine(db, { transport: server });
	const referral = await referrals.create('south-lakeland', markedReferral());
	// Sent and refused by the server: the change moves to the refused list with the server's reason.
	server.onPush = (request) => ({
		lastMutationId: request.mutations.at(-1)?.id ?? 0,
		results: request.mutations.map((m) => ({
			id: m.id,
			status: 'rejected' as const,
			reason: M.refusedReason
		}))
	});
	const visit = await visits.create('eden', markedVisit());
	server.servePages([
		{
			cursor: '1',
			more: false,
			changes: [
				{ kind: 'record', record: serverVisit() },
				{ kind: 'conflict', conflict: conflictOn(visit.id) }
			]
		}
	]);
	await engine.sync();
	// Waiting in the outbox: an edit made after the sync, which folds in the refused create (fix and resend).
	const edited = await visits.update(visit.id, { ...markedVisit(), notes: M.editedNotes });
	const drafts = new DraftStore(db);
	await drafts.save({
		key: 'referral:new',
		label: M.draftLabel,
		path: '/referrals/new',
		values: { person: { name: M.draftValue } }
	});
	return { visit: edited, referral, drafts };
}

describe('what reaches IndexedDB', () => {
	it('holds none of the personal or health values in plain text, in any object store', async () => {
		await fillTheDevice();
		expect(await db.outbox.count()).toBe(1);
		expect(await db.refused.count()).toBe(1);
		expect(await db.conflicts.count()).toBe(1);
		expect(await db.drafts.count()).toBe(1);

		const dump = await rawDump(db.name);
		const found = Object.values(M)
			.map(String)
			.filter((marker) => dump.toLowerCase().includes(marker.toLowerCase()));
		expect(found).toEqual([]);
		// Each word of a name too, so no index or derived field holds part of it.
		for (const word of [...M.occupant.split(' '), ...M.referralName.split(' '), 'Marrowgate', 'Brackenrigg'])
			expect(dump.toLowerCase()).not.toContain(word.toLowerCase());
	});

	it('does hold what lists need in plain text, so the dump above is a real one', async () => {
		const { visit, referral } = await fillTheDevice();
		const dump = await rawDump(db.name);
		for (const plain of [visit.id, referral.id, 'completed', 'inProgress', visit.data.assignedTo as string])
			expect(dump).toContain(plain);
	});

	it('gives everything back intact through the store', async () => {
		const { visit, referral, drafts } = await fillTheDevice();
		expect((await visits.get(visit.id))?.data).toEqual({ ...markedVisit(), notes: M.editedNotes });
		expect((await referrals.get(referral.id))?.data).toEqual(markedReferral());
		expect((await visits.get(testId(50)))?.data).toMatchObject({ occupants: [{ name: M.serverName }] });
		const stored = storedIn(db);
		expect((await stored.outbox())[0]?.set).toEqual({ ...markedVisit(), notes: M.editedNotes });
		const refused = await stored.refused();
		expect(refused.map((r) => [r.reason, r.entry.op, r.entry.recordId])).toEqual([
			[M.refusedReason, 'create', referral.id]
		]);
		expect(refused[0]?.entry.set).toEqual(markedReferral());
		expect(await stored.conflicts()).toEqual([conflictOn(visit.id)]);
		expect(await drafts.get('referral:new')).toMatchObject({
			label: M.draftLabel,
			values: { person: { name: M.draftValue } }
		});
	});

	it('still finds a person by name, and lists by plain fields', async () => {
		const { visit, referral } = await fillTheDevice();
		expect((await visits.list({ text: 'zebed quill' })).map((v) => v.id)).toEqual([visit.id]);
		expect((await referrals.list({ text: 'thwaitesbeck' })).map((r) => r.id)).toEqual([referral.id]);
		expect((await visits.list({ status: 'completed', text: 'grisedale' })).map((v) => v.id)).toEqual([
			testId(50)
		]);
		expect(await visits.list({ text: 'nobody' })).toEqual([]);
	});

	it('uses a fresh IV for every sealed value', async () => {
		await fillTheDevice();
		const rows = [
			...(await db.records.toArray()).map((r) => r.sealed),
			...(await db.outbox.toArray()).map((e) => e.set),
			...(await db.refused.toArray()).flatMap((r) => [r.sealed, r.entry.set]),
			...(await db.conflicts.toArray()).map((c) => c.sealed),
			...(await db.drafts.toArray()).map((d) => d.sealed)
		];
		const ivs = new Set(rows.map((sealed) => latin1(sealed.iv)));
		expect(rows.length).toBeGreaterThan(6);
		expect(ivs.size).toBe(rows.length);
	});
});

describe('a stored value changed on disk', () => {
	it('fails to open with SealBroken, never as other data', async () => {
		const visit = await visits.create('eden', markedVisit());
		const row = (await db.records.get(visit.id))!;
		const data = new Uint8Array(row.sealed.data);
		data[5] = (data[5] ?? 0) ^ 1;
		await db.records.put({ ...row, sealed: { ...row.sealed, data } });
		await expect(visits.get(visit.id)).rejects.toBeInstanceOf(SealBroken);
		await expect(visits.list({ text: 'zebedee' })).rejects.toThrow(/cannot be decrypted/);
	});

	it('fails to open a waiting change whose IV was changed, and sends nothing', async () => {
		await visits.create('eden', markedVisit());
		const [entry] = await db.outbox.toArray();
		const iv = new Uint8Array(entry!.set.iv);
		iv[0] = (iv[0] ?? 0) ^ 0x80;
		await db.outbox.put({ ...entry!, set: { ...entry!.set, iv } });
		await expect(new SyncEngine(db, { transport: server }).sync()).rejects.toBeInstanceOf(SealBroken);
		expect(server.pushes).toEqual([]);
		expect(await db.outbox.count()).toBe(1);
	});

	it('cannot be opened by another user with another key', async () => {
		const visit = await visits.create('eden', markedVisit());
		db.close();
		const other = testDatabase('unused');
		const theirs = new RecordRepository(
			new (db.constructor as typeof DeviceDatabase)(db.name, { cipher: other.cipher }),
			visitKind
		);
		await expect(theirs.get(visit.id)).rejects.toBeInstanceOf(SealBroken);
		await other.delete();
	});
});

describe('crypto inside a transaction', () => {
	/** A cipher whose sealing takes a while, as WebCrypto does on a slow phone. */
	function slowCipher(inner: FieldCipher, ms: number): FieldCipher {
		return {
			seal: async (value) => {
				await new Promise((resolve) => setTimeout(resolve, ms));
				return inner.seal(value);
			},
			open: (sealed) => inner.open(sealed)
		};
	}

	it('keeps the transaction open while slow and quick crypto overlap, so the write commits whole', async () => {
		const slow = testDatabase('slow', slowCipher(testCipher(), 30));
		const assets = new RecordRepository(slow, assetKind);
		await slow.write(async () => {
			// A slow seal started first and a quick one (nothing to seal) settling before it.
			const [rows] = await Promise.all([slow.seal.entries([]), assets.create('eden', exampleAsset())]);
			expect(rows).toEqual([]);
			await assets.create('eden', exampleAsset({ name: 'Second hall' }));
		});
		expect(await slow.records.count()).toBe(2);
		expect(await slow.outbox.count()).toBe(2);
		await slow.delete();
	});
});
