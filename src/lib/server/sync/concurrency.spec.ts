import { afterEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '$lib/domain/sync/protocol';
import { available, testDatabases } from '../db/testing';
import { recordFromRow } from './rows';
import { HALL, openSyncDatabase, ProtocolDevice } from './testing';

const PUSHERS = 20;
const BATCHES = 4;
const PER_BATCH = 10;

describe.each(testDatabases)('concurrent devices on $kind', (kind) => {
	let cleanup: (() => Promise<void>) | undefined;
	afterEach(async () => {
		await cleanup?.();
		cleanup = undefined;
	});

	it.skipIf(!available(kind))(
		'20 devices pushing at once, each push sent twice: every change applied once, pullers miss nothing',
		async () => {
			const { database, cleanup: close } = await openSyncDatabase(kind);
			cleanup = close;
			const server = { database };
			const first = new ProtocolDevice(server, 'First');
			const shared = first.create({ ...HALL, name: 'Shared hall' });
			await first.sync();

			const devices = Array.from({ length: PUSHERS }, (_, i) => new ProtocolDevice(server, `Device ${i}`));
			const pullers = [new ProtocolDevice(server, 'Watcher 1'), new ProtocolDevice(server, 'Watcher 2')];
			let pushing = true;

			const runDevice = async (device: ProtocolDevice, index: number) => {
				await device.pull();
				for (let batch = 0; batch < BATCHES; batch++) {
					for (let i = 0; i < PER_BATCH - 1; i++)
						device.create({ ...HALL, name: `Hall ${index}-${batch}-${i}` });
					device.edit(shared.recordId, { description: `Device ${index} batch ${batch}` });
					const sent = [...device.outbox];
					// A retry while the first attempt is still in flight: both get the same answer.
					const [once, twice] = await Promise.all([device.push(sent), device.push(sent)]);
					expect(twice).toEqual<PushResponse>(once);
					expect(once.results.every((r) => r.status === 'applied')).toBe(true);
					await device.pull();
				}
			};
			const runPuller = async (puller: ProtocolDevice) => {
				while (pushing) {
					await puller.pull(37);
					// Each pull is a request of its own, arriving over the network: between them the
					// server gets on with the rest (on SQLite, in this process, nothing else would run).
					await new Promise((resolve) => setImmediate(resolve));
				}
			};
			const watching = pullers.map(runPuller);
			try {
				await Promise.all(devices.map(runDevice));
			} finally {
				pushing = false;
				await Promise.all(watching);
			}

			const total = PUSHERS * BATCHES * PER_BATCH + 1;
			const answers = await database.db
				.selectFrom('sync_mutation')
				.select(['client_id', 'mutation_id'])
				.execute();
			expect(answers).toHaveLength(total);
			const clients = await database.db
				.selectFrom('sync_client')
				.select(['id', 'last_mutation_id'])
				.execute();
			for (const device of devices) {
				expect(Number(clients.find((c) => c.id === device.clientId)?.last_mutation_id)).toBe(
					BATCHES * PER_BATCH
				);
			}
			const rows = await database.db.selectFrom('record').selectAll().execute();
			expect(rows).toHaveLength(PUSHERS * BATCHES * (PER_BATCH - 1) + 1);

			const log = await database.db.selectFrom('change_log').select('seq').execute();
			const state = await database.db.selectFrom('sync_state').select('seq').executeTakeFirstOrThrow();
			const seqs = log.map((r) => Number(r.seq));
			expect(new Set(seqs).size).toBe(seqs.length);
			expect(Math.max(...seqs)).toBe(Number(state.seq));

			// Everyone who pulled while the pushes landed, and then once more, holds exactly the server's records.
			const serverCopy = new Map(rows.map((row) => [row.id, recordFromRow(row)]));
			for (const device of [...pullers, ...devices]) {
				await device.pull();
				expect(device.records).toEqual(serverCopy);
			}
		},
		120_000
	);
});
