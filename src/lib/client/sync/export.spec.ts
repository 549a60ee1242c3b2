import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWithPassphrase, sealWithPassphrase, type PassphraseSealed } from '../vault/passphrase-seal';
import type { DeviceDatabase } from '../store/database';
import { RecordRepository } from '../store/repository';
import { noteKind, steppedOptions, type Note, storedIn, testDatabase } from '../store/testing';
import { SyncEngine } from './engine';
import { exportUnsynced, ImportFailed, importUnsynced, type UnsyncedExport } from './export';
import { ScriptedTransport } from './testing';

const PASSPHRASE = 'heron over the eden';
// PBKDF2 at 600,000 iterations takes a second or so here; one test checks the real count.
const fast = { insecureIterationsForTests: 1000, now: () => '2026-11-24T09:00:00.000Z' };

let db: DeviceDatabase;
let notes: RecordRepository<Note>;

beforeEach(() => {
	db = testDatabase('export');
	notes = new RecordRepository(db, noteKind, steppedOptions());
});
afterEach(async () => {
	await db.delete();
});

interface SealedFile {
	format: string;
	version: number;
	exportedAt: string;
	sealed: PassphraseSealed;
}

/** What a sealed file holds, opened as an importer would. */
async function contentOf(text: string): Promise<UnsyncedExport> {
	const file = JSON.parse(text) as SealedFile;
	const content = await openWithPassphrase(
		file.sealed,
		PASSPHRASE,
		`fellside-unsynced-changes v2 ${file.exportedAt}`
	);
	if (content === null) throw new Error('the file did not open');
	return JSON.parse(content) as UnsyncedExport;
}

/** The file with other content sealed under the same passphrase, as only someone who knew it could make. */
async function resealed(file: SealedFile, content: string): Promise<string> {
	const context = `fellside-unsynced-changes v2 ${file.exportedAt}`;
	const sealed = await sealWithPassphrase(content, PASSPHRASE, context, 1000);
	return JSON.stringify({ ...file, sealed });
}

describe('export and import of unsynced work', () => {
	it('carries waiting and refused changes with their records to another device, once however often imported', async () => {
		const server = new ScriptedTransport();
		server.onPush = (request) => ({
			lastMutationId: request.mutations.at(-1)?.id ?? 0,
			results: request.mutations.map((m) => ({ id: m.id, status: 'rejected' as const, reason: 'Refused' }))
		});
		const other = await notes.create('carlisle', { title: 'Refused', status: 'open', tags: ['hall'] });
		await new SyncEngine(db, { transport: server }).sync();
		const kept = await notes.create('eden', { title: 'Waiting', status: 'open' });
		await notes.update(kept.id, { ...kept.data, status: 'done' });
		const { text } = await exportUnsynced(db, PASSPHRASE, fast);
		const content = await contentOf(text);
		expect(content.changes.map((c) => [c.op, c.refusedBecause])).toEqual([
			['create', 'Refused'],
			['create', undefined],
			['update', undefined]
		]);
		expect(content.records).toHaveLength(2);

		const laptop = testDatabase('laptop');
		try {
			expect(await importUnsynced(laptop, text, PASSPHRASE)).toEqual({ queued: 3, skipped: 0, sealed: true });
			expect(await importUnsynced(laptop, text, PASSPHRASE)).toEqual({ queued: 0, skipped: 3, sealed: true });
			const queued = await storedIn(laptop).outbox();
			expect(queued.map((e) => [e.op, e.mutationId])).toEqual([
				['create', undefined],
				['create', undefined],
				['update', undefined]
			]);
			expect((await storedIn(laptop).record(kept.id))?.data).toEqual({
				title: 'Waiting',
				status: 'done',
				tags: []
			});
			expect((await storedIn(laptop).record(other.id))?.areaId).toBe('carlisle');
			// The laptop's clock is past every imported stamp, so its own next change wins over them.
			const clock = (await laptop.meta.get('sync.clock'))?.value ?? '';
			expect(queued.every((e) => clock.slice(0, 20) >= e.hlc.slice(0, 20))).toBe(true);
		} finally {
			await laptop.delete();
		}
		// Imported back on the device it came from, nothing is queued twice.
		expect(await importUnsynced(db, text, PASSPHRASE)).toEqual({ queued: 0, skipped: 3, sealed: true });
	});

	it('seals everything but the format and time under the passphrase, with 600,000 PBKDF2 iterations', async () => {
		await notes.create('eden', { title: 'Hoarding at 4 Fell View', status: 'open', tags: ['confidential'] });
		const { text } = await exportUnsynced(db, PASSPHRASE, { now: fast.now });
		expect(text).not.toContain('Fell View');
		expect(text).not.toContain('confidential');
		const file = JSON.parse(text) as SealedFile;
		expect(Object.keys(file).sort()).toEqual(['exportedAt', 'format', 'sealed', 'version']);
		expect(file).toMatchObject({ format: 'fellside-unsynced-changes', version: 2 });
		expect(file.sealed).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
		expect((await contentOf(text)).changes[0]?.set).toMatchObject({ title: 'Hoarding at 4 Fell View' });
		// A new salt and IV every time: the same changes exported twice share nothing but the header.
		const again = JSON.parse((await exportUnsynced(db, PASSPHRASE, fast)).text) as SealedFile;
		expect(again.sealed.salt).not.toBe(file.sealed.salt);
		expect(again.sealed.iv).not.toBe(file.sealed.iv);
	});

	it('notes each record in the file for the audit log, once the file is made, with whether it was offline', async () => {
		const first = await notes.create('eden', { title: 'Waiting', status: 'open' });
		await notes.update(first.id, { ...first.data, status: 'done' });
		const second = await notes.create('eden', { title: 'Also waiting', status: 'open' });
		expect((await exportUnsynced(db, PASSPHRASE, { ...fast, online: () => false })).notNoted).toBeNull();
		expect(await db.views.toArray()).toMatchObject([
			{ recordId: first.id, type: 'asset', kind: 'export', at: '2026-11-24T09:00:00.000Z', offline: true },
			{ recordId: second.id, type: 'asset', kind: 'export', offline: true }
		]);
		await expect(exportUnsynced(db, 'short', fast)).rejects.toThrow();
		expect(await db.views.count()).toBe(2);
	});

	it('hands the file over even when the export cannot be noted (storage full), and says why', async () => {
		await notes.create('eden', { title: 'Waiting', status: 'open' });
		const full = vi.spyOn(db.views, 'bulkAdd').mockRejectedValue(new Error('Storage is full.'));
		try {
			const exported = await exportUnsynced(db, PASSPHRASE, fast);
			expect(exported.notNoted).toBe('Storage is full.');
			expect((await contentOf(exported.text)).changes).toHaveLength(1);
		} finally {
			full.mockRestore();
		}
	});

	it('refuses to export under a passphrase too short to protect the file', async () => {
		await notes.create('eden', { title: 'Waiting', status: 'open' });
		await expect(exportUnsynced(db, 'short', fast)).rejects.toThrow('at least 10 characters');
		await expect(exportUnsynced(db, '   ', fast)).rejects.toThrow('Enter a passphrase');
	});

	it('asks for the passphrase, and says when it is not the right one, storing nothing', async () => {
		await notes.create('eden', { title: 'Waiting', status: 'open' });
		const { text } = await exportUnsynced(db, PASSPHRASE, fast);
		const laptop = testDatabase('laptop');
		try {
			const missing = importUnsynced(laptop, text);
			await expect(missing).rejects.toThrow('Enter the passphrase the file was exported with.');
			await expect(missing).rejects.toMatchObject({ field: 'passphrase' });
			const wrong = importUnsynced(laptop, text, 'heron over the eden!');
			await expect(wrong).rejects.toThrow('That is not the passphrase this file was exported with.');
			await expect(wrong).rejects.toMatchObject({ field: 'passphrase' });
			// The plain header is bound to what is sealed: another time put on it does not open.
			const moved = { ...(JSON.parse(text) as SealedFile), exportedAt: '2026-11-25T09:00:00.000Z' };
			await expect(importUnsynced(laptop, JSON.stringify(moved), PASSPHRASE)).rejects.toThrow(
				'That is not the passphrase'
			);
			expect(await laptop.outbox.count()).toBe(0);
			expect(await laptop.records.count()).toBe(0);
		} finally {
			await laptop.delete();
		}
	});

	it('still imports a file written before files were sealed (version 1), which needs no passphrase', async () => {
		await notes.create('eden', { title: 'Waiting', status: 'open' });
		const plain = JSON.stringify(await contentOf((await exportUnsynced(db, PASSPHRASE, fast)).text));
		const laptop = testDatabase('laptop');
		try {
			expect(await importUnsynced(laptop, plain)).toEqual({ queued: 1, skipped: 0, sealed: false });
			expect(await importUnsynced(laptop, plain, 'any passphrase at all')).toEqual({
				queued: 0,
				skipped: 1,
				sealed: false
			});
		} finally {
			await laptop.delete();
		}
	});

	it('says clearly why a file cannot be imported, and stores nothing of it', async () => {
		const refused = async (text: string, message: string) => {
			const attempt = importUnsynced(db, text, PASSPHRASE);
			await expect(attempt).rejects.toBeInstanceOf(ImportFailed);
			await expect(attempt).rejects.toMatchObject({ field: 'file' });
			await expect(attempt).rejects.toThrow(message);
		};
		await refused('not json', 'This file cannot be imported: it is not a Fellside export (not JSON).');
		await refused(
			JSON.stringify({ format: 'other' }),
			'This is not a file of unsynced changes exported from Fellside'
		);
		await refused(
			JSON.stringify({ format: 'fellside-unsynced-changes', version: 3 }),
			'This file was exported by a newer Fellside: update Fellside, then import it.'
		);
		await notes.create('eden', { title: 'Waiting', status: 'open' });
		const { text } = await exportUnsynced(db, PASSPHRASE, fast);
		const file = JSON.parse(text) as SealedFile;
		await refused(
			JSON.stringify({ ...file, sealed: { ...file.sealed, iv: 'not base64!' } }),
			'(at sealed.iv)'
		);
		await refused(
			JSON.stringify({ ...file, sealed: { ...file.sealed, iterations: 1e9 } }),
			'(at sealed.iterations)'
		);
		const content = await contentOf(text);
		content.changes[0]!.recordId = 'not-an-id';
		await refused(JSON.stringify(content), '(at changes.0.recordId)');
		// Sealed under the right passphrase, and still not what Fellside writes inside.
		await refused(await resealed(file, JSON.stringify(content)), '(at changes.0.recordId)');
		await refused(
			await resealed(file, 'not json'),
			'This file cannot be imported: what it holds is not JSON.'
		);
		expect(await db.outbox.count()).toBe(1);
	});
});
