import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc, type Hlc } from './hlc';
import { applyMutation, type MergeConflict, type MergeOutcome } from './merge';
import { ARCHIVED_KEY, AREA_KEY, mutationSchema, type MutationInput, type SyncRecord } from './protocol';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const SERVER = 'server';
const ANNA = '0a1b2c3d-0000-4000-8000-00000000000a';
const BEN = '0a1b2c3d-0000-4000-8000-00000000000b';
const RECORD_ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const HALL = { kind: 'place', name: 'Village hall', status: 'active', lifecycle: 'draft' };
/** Optional text fields of a place: any value is valid, so edits to them never break the schema. */
const TEXT_FIELDS = ['name', 'description', 'organisation', 'scheduleNotes'] as const;

type Fields = NonNullable<MutationInput['set']>;
const stamp = (ms: number, node: string, counter = 0): Hlc => encodeHlc({ ms, counter, node });
const at = (ms: number) => new Date(ms).toISOString();
const context = (clientId: string, nowMs = T0 + DAY) => ({ clientId, now: at(nowMs), nowMs });

function change(input: Partial<MutationInput> & Pick<MutationInput, 'hlc'>) {
	return mutationSchema.parse({
		id: 1,
		recordId: RECORD_ID,
		type: 'asset',
		op: 'update',
		at: at(T0),
		...input
	});
}

function applied(outcome: MergeOutcome) {
	if (outcome.status !== 'applied') throw new Error(`expected the change to apply: ${outcome.reason}`);
	return outcome;
}

/** The hall as the server holds it after the server itself created it at T0. */
function serverHall(data: Fields = HALL): SyncRecord {
	const created = change({ op: 'create', set: data, area: 'eden', hlc: stamp(T0, SERVER) });
	return applied(applyMutation(undefined, created, context(SERVER, T0))).record;
}

/** What a device that last synced `record` sends as `base` for the keys it touches. */
function baseOf(record: SyncRecord, keys: readonly string[]) {
	const base: Record<string, Hlc | null> = { [ARCHIVED_KEY]: record.versions[ARCHIVED_KEY] ?? null };
	for (const key of keys) base[key] = record.versions[key] ?? null;
	return base;
}

function edit(record: SyncRecord, client: string, ms: number, set: Fields) {
	return change({ set, hlc: stamp(ms, client), base: baseOf(record, Object.keys(set)) });
}

function archive(record: SyncRecord, client: string, ms: number) {
	return change({
		op: 'archive',
		hlc: stamp(ms, client),
		base: baseOf(record, Object.keys(record.versions))
	});
}

describe('creating a record', () => {
	it('stamps every field and the area, and never dates it after the server received it', () => {
		const record = serverHall();
		expect(record.data).toMatchObject(HALL);
		for (const key of [...Object.keys(record.data), AREA_KEY])
			expect(record.versions[key]).toBe(stamp(T0, SERVER));
		expect(record).toMatchObject({ id: RECORD_ID, type: 'asset', areaId: 'eden', archivedAt: null });
		const future = change({ op: 'create', set: HALL, area: 'eden', hlc: stamp(T0, ANNA), at: at(T0 + DAY) });
		expect(applied(applyMutation(undefined, future, context(ANNA, T0))).record.createdAt).toBe(at(T0));
	});

	it('refuses a record that breaks its type rules, naming the field', () => {
		const outcome = applyMutation(
			undefined,
			change({ op: 'create', set: { ...HALL, name: '' }, area: 'eden', hlc: stamp(T0, ANNA) }),
			context(ANNA)
		);
		expect(outcome).toEqual({
			status: 'rejected',
			reason: 'Enter the name (name)',
			errors: [{ path: 'name', message: 'Enter the name' }]
		});
	});

	it('refuses fields the type does not have, however they are named', () => {
		for (const field of ['colour', 'constructor', 'toString', 'hasOwnProperty']) {
			const outcome = applyMutation(
				undefined,
				change({ op: 'create', set: { ...HALL, [field]: 'x' }, area: 'eden', hlc: stamp(T0, ANNA) }),
				context(ANNA)
			);
			expect(outcome).toMatchObject({ status: 'rejected', reason: `Unknown field: ${field}` });
		}
	});

	it('refuses a new record with no area, and any other change to a record the server lacks', () => {
		const noArea = change({ op: 'create', set: HALL, hlc: stamp(T0, ANNA) });
		expect(applyMutation(undefined, noArea, context(ANNA))).toEqual({
			status: 'rejected',
			reason: 'A new record needs an area'
		});
		const update = change({ set: { name: 'Hall' }, hlc: stamp(T0, ANNA) });
		expect(applyMutation(undefined, update, context(ANNA))).toMatchObject({
			status: 'rejected',
			reason: expect.stringContaining('This record is not on the server') as string
		});
	});
});

describe('editing a record', () => {
	it('refuses a change that names the wrong record type', () => {
		const outcome = applyMutation(
			serverHall(),
			{ ...edit(serverHall(), ANNA, T0 + 1, {}), type: 'visit' },
			context(ANNA)
		);
		expect(outcome).toEqual({ status: 'rejected', reason: `Record ${RECORD_ID} is a asset, not a visit` });
	});

	it('stamps only the fields it changed; null removes a field', () => {
		const hall = applied(
			applyMutation(serverHall(), edit(serverHall(), ANNA, T0 + 1, { description: 'Old' }), context(ANNA))
		).record;
		const outcome = applied(
			applyMutation(hall, edit(hall, ANNA, T0 + 2, { description: null }), context(ANNA))
		);
		expect(outcome.record.data).not.toHaveProperty('description');
		expect(outcome.record.versions.description).toBe(stamp(T0 + 2, ANNA));
		expect(outcome.record.versions.name).toBe(stamp(T0, SERVER));
		expect(outcome.conflicts).toEqual([]);
	});

	it('writing the value a field already has keeps the later stamp, and nothing else', () => {
		const hall = serverHall();
		const same = applied(
			applyMutation(hall, edit(hall, ANNA, T0 + 1, { name: 'Village hall' }), context(ANNA))
		);
		expect(same.record.data).toEqual(hall.data);
		expect(same.record.versions).toEqual({ ...hall.versions, name: stamp(T0 + 1, ANNA) });
		expect(same.conflicts).toEqual([]);
	});

	it('a change whose values are there already, stamped earlier, leaves the record as it was', () => {
		const hall = serverHall();
		const outcome = applied(
			applyMutation(hall, edit(hall, ANNA, T0 - 1, { name: 'Village hall' }), context(ANNA))
		);
		expect(outcome).toEqual({ status: 'applied', record: hall, conflicts: [], changed: false });
	});

	it('refuses a change that would break the record, and names the field', () => {
		const hall = serverHall();
		expect(applyMutation(hall, edit(hall, ANNA, T0 + 1, { status: 'closed' }), context(ANNA))).toMatchObject({
			status: 'rejected',
			errors: [{ path: 'status' }]
		});
	});

	it('moves a record to another area as a versioned change', () => {
		const hall = serverHall();
		const move = change({ area: 'copeland', hlc: stamp(T0 + 1, ANNA), base: baseOf(hall, [AREA_KEY]) });
		const outcome = applied(applyMutation(hall, move, context(ANNA)));
		expect(outcome.record.areaId).toBe('copeland');
		expect(outcome.record.versions[AREA_KEY]).toBe(stamp(T0 + 1, ANNA));
	});
});

describe('concurrent edits', () => {
	it('the same field changed on two devices: the later stamp wins and a conflict keeps both', () => {
		const hall = serverHall();
		const anna = edit(hall, ANNA, T0 + 1000, { name: 'Village hall (Anna)' });
		const ben = edit(hall, BEN, T0 + 2000, { name: 'Village hall (Ben)' });
		const first = applied(applyMutation(hall, anna, context(ANNA)));
		const second = applied(applyMutation(first.record, ben, context(BEN)));
		expect(second.record.data.name).toBe('Village hall (Ben)');
		expect(second.conflicts).toEqual<MergeConflict[]>([
			{
				field: 'name',
				kept: { value: 'Village hall (Ben)', hlc: stamp(T0 + 2000, BEN) },
				other: { value: 'Village hall (Anna)', hlc: stamp(T0 + 1000, ANNA) }
			}
		]);

		// Arriving the other way round: the same winner, the same conflict.
		const benFirst = applied(applyMutation(hall, ben, context(BEN)));
		const annaSecond = applied(applyMutation(benFirst.record, anna, context(ANNA)));
		expect(annaSecond.changed).toBe(false);
		expect(annaSecond.record.data.name).toBe('Village hall (Ben)');
		expect(annaSecond.conflicts).toEqual(second.conflicts);
	});

	it('the same value written on two devices is no conflict', () => {
		const hall = serverHall();
		const anna = applied(
			applyMutation(hall, edit(hall, ANNA, T0 + 1, { description: 'Same' }), context(ANNA))
		);
		const ben = applied(
			applyMutation(anna.record, edit(hall, BEN, T0 + 2, { description: 'Same' }), context(BEN))
		);
		expect(ben.conflicts).toEqual([]);
	});

	it('an edit made after seeing the other device’s edit is no conflict', () => {
		const hall = serverHall();
		const anna = applied(applyMutation(hall, edit(hall, ANNA, T0 + 1, { name: 'Hall A' }), context(ANNA)));
		const ben = applied(
			applyMutation(anna.record, edit(anna.record, BEN, T0 + 2, { name: 'Hall B' }), context(BEN))
		);
		expect(ben.conflicts).toEqual([]);
		expect(ben.record.data.name).toBe('Hall B');
	});

	it('sequential edits from one device are never a conflict, even before it pulls its own stamps', () => {
		const hall = serverHall();
		const first = applied(applyMutation(hall, edit(hall, ANNA, T0 + 1, { name: 'One' }), context(ANNA)));
		// Based on the server copy the device had before its first edit was sent.
		const second = applied(
			applyMutation(first.record, edit(hall, ANNA, T0 + 2, { name: 'Two' }), context(ANNA))
		);
		expect(second.conflicts).toEqual([]);
		expect(second.record.data.name).toBe('Two');
	});

	it('edits to different fields on two devices both survive', () => {
		const hall = serverHall();
		const anna = applied(
			applyMutation(hall, edit(hall, ANNA, T0 + 2, { description: 'Anna' }), context(ANNA))
		);
		const ben = applied(
			applyMutation(anna.record, edit(hall, BEN, T0 + 1, { organisation: 'Ben' }), context(BEN))
		);
		expect(ben.record.data).toMatchObject({ description: 'Anna', organisation: 'Ben' });
		expect(ben.conflicts).toEqual([]);
	});

	it('archiving a record another device edited is a conflict on @archived, holding the edit', () => {
		const hall = serverHall();
		const edited = applied(
			applyMutation(hall, edit(hall, BEN, T0 + 1, { description: 'New roof' }), context(BEN))
		);
		const archived = applied(applyMutation(edited.record, archive(hall, ANNA, T0 + 2), context(ANNA)));
		expect(archived.record.archivedAt).not.toBeNull();
		expect(archived.record.data.description).toBe('New roof');
		expect(archived.conflicts).toEqual([
			{
				field: ARCHIVED_KEY,
				kept: { value: true, hlc: stamp(T0 + 2, ANNA) },
				other: { value: { description: 'New roof' }, hlc: stamp(T0 + 1, BEN) }
			}
		]);
	});

	it('editing a record another device archived is a conflict, and the edit is kept on it', () => {
		const hall = serverHall();
		const archived = applied(applyMutation(hall, archive(hall, ANNA, T0 + 1), context(ANNA)));
		const edited = applied(
			applyMutation(archived.record, edit(hall, BEN, T0 + 2, { description: 'New roof' }), context(BEN))
		);
		expect(edited.record.archivedAt).not.toBeNull();
		expect(edited.record.data.description).toBe('New roof');
		expect(edited.conflicts).toEqual([
			{
				field: ARCHIVED_KEY,
				kept: { value: true, hlc: stamp(T0 + 1, ANNA) },
				other: { value: { description: 'New roof' }, hlc: stamp(T0 + 2, BEN) }
			}
		]);
	});

	it('archiving a record that is already archived raises nothing', () => {
		const hall = serverHall();
		const edited = applied(applyMutation(hall, edit(hall, BEN, T0 + 1, { description: 'x' }), context(BEN)));
		const archived = applied(applyMutation(edited.record, archive(edited.record, BEN, T0 + 2), context(BEN)));
		const again = applied(
			applyMutation(archived.record, archive(hall, ANNA, T0 + 3), context(ANNA, T0 + 2 * DAY))
		);
		expect(again.conflicts).toEqual([]);
		expect(again.record.archivedAt).toBe(archived.record.archivedAt);
	});

	it('restore after archive from the same device is no conflict', () => {
		const hall = serverHall();
		const archived = applied(applyMutation(hall, archive(hall, ANNA, T0 + 1), context(ANNA)));
		const restore = change({ op: 'restore', hlc: stamp(T0 + 2, ANNA), base: baseOf(hall, []) });
		const restored = applied(applyMutation(archived.record, restore, context(ANNA)));
		expect(restored.record.archivedAt).toBeNull();
		expect(restored.conflicts).toEqual([]);
	});
});

describe('device clocks', () => {
	it('a device three days fast is clamped to the server time and cannot win every edit', () => {
		const hall = serverHall();
		const serverNow = T0 + DAY;
		const fast = applied(
			applyMutation(hall, edit(hall, ANNA, serverNow + 3 * DAY, { name: 'Fast' }), context(ANNA, serverNow))
		);
		expect(fast.record.versions.name).toBe(stamp(serverNow, ANNA));
		// Ben edits concurrently a minute later by the real clock: his edit wins.
		const ben = edit(hall, BEN, serverNow + 60_000, { name: 'Ben' });
		const later = applied(applyMutation(fast.record, ben, context(BEN, serverNow + 60_000)));
		expect(later.record.data.name).toBe('Ben');
		expect(later.conflicts).toHaveLength(1);
	});

	it('a device three days slow still syncs; its concurrent edit loses to a later one', () => {
		const hall = serverHall();
		const ben = applied(applyMutation(hall, edit(hall, BEN, T0 + 1000, { name: 'Ben' }), context(BEN)));
		const slow = applied(
			applyMutation(ben.record, edit(hall, ANNA, T0 - 3 * DAY, { name: 'Slow' }), context(ANNA))
		);
		expect(slow.record.data.name).toBe('Ben');
		expect(slow.conflicts[0]?.other).toEqual({ value: 'Slow', hlc: stamp(T0 - 3 * DAY, ANNA) });
	});
});

describe('merging many devices (property)', () => {
	const devices = ['d1', 'd2', 'd3', 'd4', 'd5'];
	const editArb = fc.record({
		fields: fc.subarray([...TEXT_FIELDS], { minLength: 1 }),
		value: fc.constantFrom('Alpha', 'Beta', 'Gamma'),
		ms: fc.integer({ min: T0 + 1, max: T0 + DAY })
	});

	it('converges on the latest stamp per field whatever the arrival order; conflicts exactly when values differ', () => {
		fc.assert(
			fc.property(
				fc.array(editArb, { minLength: 2, maxLength: devices.length }),
				fc.array(fc.nat(), { minLength: devices.length, maxLength: devices.length }),
				(edits, order) => {
					const hall = serverHall();
					const changes = edits.map((e, i) => {
						const device = devices[i] as string;
						const set = Object.fromEntries(e.fields.map((f) => [f, `${e.value} ${f}`]));
						return { device, stamp: stamp(e.ms, device), mutation: edit(hall, device, e.ms, set) };
					});
					const run = (sequence: typeof changes) => {
						let record = hall;
						const conflicts: MergeConflict[] = [];
						for (const c of sequence) {
							const outcome = applied(applyMutation(record, c.mutation, context(c.device)));
							record = outcome.record;
							conflicts.push(...outcome.conflicts);
						}
						return { record, conflicts };
					};
					const arrival = changes
						.map((c, i) => ({ c, key: order[i] ?? 0 }))
						.sort((a, b) => a.key - b.key)
						.map(({ c }) => c);
					const inOrder = run(changes);
					const shuffled = run(arrival);
					expect(shuffled.record.data).toEqual(inOrder.record.data);
					expect(shuffled.record.versions).toEqual(inOrder.record.versions);

					for (const field of TEXT_FIELDS) {
						const touching = changes.filter((c) => field in c.mutation.set);
						const values = new Set(touching.map((c) => c.mutation.set[field]));
						const latest = touching.sort((a, b) => (a.stamp < b.stamp ? 1 : -1))[0];
						expect(shuffled.record.data[field]).toEqual(
							latest ? latest.mutation.set[field] : hall.data[field]
						);
						const raised = shuffled.conflicts.filter((c) => c.field === field);
						expect(raised.length > 0).toBe(values.size > 1);
						for (const conflict of raised) expect(conflict.kept.value).not.toEqual(conflict.other.value);
					}
				}
			)
		);
	});
});
