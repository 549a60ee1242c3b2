import { describe, expect, it } from 'vitest';
import type { OutboxEntry, StoredRecord } from '$lib/client/store/database';
import type { Conflict } from '$lib/domain/sync/protocol';
import { conflictItems, refusedItems, waitingItems, whatChanged } from './describe';

const ID = '6a1f0b5e-3c1d-4c2b-9d8e-7f6a5b4c3d2e';
const OTHER = '7b2f0b5e-3c1d-4c2b-9d8e-7f6a5b4c3d2e';
const ME = '11111111-1111-4111-8111-111111111111';
const THEM = '22222222-2222-4222-8222-222222222222';
const hlc = (ms: number, node: string) => `${String(ms).padStart(15, '0')}-0000-${node}`;

const hall: StoredRecord = {
	id: ID,
	type: 'asset',
	areaId: 'eden',
	createdAt: '2026-11-01T10:00:00.000Z',
	updatedAt: '2026-11-20T10:00:00.000Z',
	data: { name: 'Alston Village Hall', kind: 'place', status: 'active', lifecycle: 'draft' },
	status: 'draft',
	versions: {}
};

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
	seq: 1,
	recordId: ID,
	type: 'asset',
	op: 'update',
	set: {},
	hlc: hlc(1, ME),
	base: {},
	at: '2026-11-22T09:00:00.000Z',
	...over
});

describe('whatChanged', () => {
	it('names the fields changed in words', () => {
		const entries = [
			entry({ set: { name: 'X' } }),
			entry({ set: { scheduleNotes: null }, area: 'carlisle' })
		];
		expect(whatChanged(entries)).toBe('Changed: name, notes on opening times, area');
	});
	it('says a new record is new, and archiving as such', () => {
		expect(whatChanged([entry({ op: 'create', set: { name: 'X' }, area: 'eden' })])).toBe('New record');
		expect(whatChanged([entry({ op: 'archive', set: { lifecycle: 'archived' } })])).toBe(
			'Archived. Changed: stage'
		);
		expect(whatChanged([entry({ op: 'update', resolves: [OTHER] })])).toBe('Conflict settled');
	});
});

describe('waitingItems', () => {
	it('lists each record once, with its changes, oldest first', () => {
		const items = waitingItems({
			waiting: [
				entry({ seq: 1, set: { name: 'A' } }),
				entry({ seq: 2, recordId: OTHER, op: 'create', type: 'referral', set: {}, area: 'eden' }),
				entry({ seq: 3, set: { description: 'B' }, at: '2026-11-22T10:00:00.000Z' })
			],
			records: new Map([[ID, hall]])
		});
		expect(items).toEqual([
			{
				recordId: ID,
				type: 'asset',
				typeLabel: 'Community asset',
				title: 'Alston Village Hall',
				href: `/assets/${ID}`,
				what: 'Changed: name, description',
				changes: 2,
				since: '2026-11-22T09:00:00.000Z'
			},
			{
				recordId: OTHER,
				type: 'referral',
				typeLabel: 'Coach referral',
				title: 'Coach referral (not on this device)',
				href: null,
				what: 'New record',
				changes: 1,
				since: '2026-11-22T09:00:00.000Z'
			}
		]);
	});

	it('still lists a record whose data it cannot read', () => {
		const broken = { ...hall, type: 'visit' as const, data: { nothing: true } };
		const [item] = waitingItems({ waiting: [entry({ type: 'visit' })], records: new Map([[ID, broken]]) });
		expect(item?.title).toBe('Safe and Well visit');
	});
});

describe('refusedItems', () => {
	it('gives the server’s reason when it names no field', () => {
		const [item] = refusedItems({
			refused: [
				{
					id: 5,
					entry: entry({}),
					reason: 'This record is not on the server',
					at: '2026-11-22T11:00:00.000Z'
				}
			],
			records: new Map()
		});
		expect(item?.why).toEqual(['This record is not on the server']);
		expect(item?.editHref).toBeNull();
	});

	it('gives each field the server named, in words, and where to fix it', () => {
		const [item] = refusedItems({
			refused: [
				{
					id: 4,
					entry: entry({ set: { name: '' } }),
					reason: 'This change breaks the record’s rules',
					errors: [
						{ path: 'name', message: 'Enter the name' },
						{ path: '', message: 'Whole record' }
					],
					at: '2026-11-22T11:00:00.000Z'
				}
			],
			records: new Map([[ID, hall]])
		});
		expect(item).toMatchObject({
			id: 4,
			title: 'Alston Village Hall',
			what: 'Changed: name',
			why: ['Name: Enter the name', 'Whole record'],
			editHref: `/assets/${ID}/edit`
		});
	});
});

describe('conflictItems', () => {
	const conflict = (over: Partial<Conflict>): Conflict => ({
		id: OTHER,
		recordId: ID,
		type: 'asset',
		areaId: 'eden',
		field: 'name',
		status: 'open',
		kept: {
			value: 'Alston Hall',
			hlc: hlc(Date.parse('2026-11-22T10:00:00Z'), THEM),
			clientId: THEM,
			deviceName: "Sam's tablet",
			staffId: null
		},
		other: {
			value: 'Alston Village Hall',
			hlc: hlc(Date.parse('2026-11-22T09:00:00Z'), ME),
			clientId: ME,
			deviceName: 'Mine',
			staffId: null
		},
		detectedAt: '2026-11-22T10:00:00.000Z',
		resolvedAt: null,
		resolvedBy: null,
		...over
	});

	it('shows both sides with who and when, and lets free text be retyped', () => {
		const [item] = conflictItems({ conflicts: [conflict({})], records: new Map([[ID, hall]]), clientId: ME });
		expect(item).toMatchObject({
			title: 'Alston Village Hall',
			fieldLabel: 'Name',
			editable: true,
			archived: false,
			kept: { text: 'Alston Hall', who: "Sam's tablet", when: '2026-11-22T10:00:00.000Z' },
			other: { text: 'Alston Village Hall', who: 'This device', when: '2026-11-22T09:00:00.000Z' }
		});
	});

	it('offers no typing for codes or archiving', () => {
		const items = conflictItems({
			conflicts: [
				conflict({ field: 'status', kept: { ...conflict({}).kept, value: 'inactive' } }),
				conflict({ field: '@archived', kept: { ...conflict({}).kept, value: true, deviceName: null } })
			],
			records: new Map([[ID, { ...hall, archivedAt: '2026-11-22T10:00:00.000Z' }]]),
			clientId: null
		});
		expect(items.map((i) => [i.fieldLabel, i.kept.text, i.kept.who, i.editable, i.archived])).toEqual([
			['Whether it is running', 'Inactive', "Sam's tablet", false, true],
			['Archived', 'Archived', 'Another device', false, true]
		]);
	});
});
