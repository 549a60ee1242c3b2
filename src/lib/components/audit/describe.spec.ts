import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEntry } from '$lib/domain/audit';
import {
	ACTION_OPTIONS,
	actionLabel,
	describeAction,
	describeArea,
	describeDetails,
	describePerson,
	describeTarget,
	formatAuditTime
} from './describe';

const REFERRAL = '1a2b3c4d-0000-4000-8000-000000000001';
const STAFF = '9f8e7d6c-0000-4000-8000-000000000002';

/** An entry; `action` may be one this code does not know yet, as a newer server could send. */
const entry = (over: Partial<Omit<AuditEntry, 'action'>> & { action?: string }): AuditEntry =>
	({
		seq: 1,
		at: '2026-11-23T10:00:05.000Z',
		action: 'sign-in',
		staffId: null,
		deviceId: null,
		ip: null,
		targetType: null,
		targetId: null,
		areaId: null,
		details: {},
		hash: 'h',
		...over
	}) as AuditEntry;

describe('the audit log in words', () => {
	it('has a label of its own for every action, for the filter', () => {
		const generic = AUDIT_ACTIONS.filter((a) => actionLabel(a).toLowerCase() === a.replace(/-/g, ' '));
		expect(generic).toEqual([]);
		expect(ACTION_OPTIONS.map((o) => o.value)).toEqual([...AUDIT_ACTIONS]);
		expect(actionLabel('sync-pull')).toBe('Sync: received changes');
		// An action added later still reads as words.
		expect(actionLabel('export-made')).toBe('Export made');
	});

	it('says what happened to a record, and where a view happened', () => {
		const viewed = entry({ action: 'record-viewed', targetType: 'referral', targetId: REFERRAL });
		expect(describeAction(viewed)).toBe('Opened a coach referral');
		expect(
			describeAction({
				...viewed,
				details: { on: 'device', viewedAt: '2026-11-22T09:00:00Z', offline: true }
			})
		).toBe('Opened a coach referral on a device, offline');
		expect(describeAction({ ...viewed, details: { on: 'device', offline: false } })).toBe(
			'Opened a coach referral on a device'
		);
		expect(
			describeAction(
				entry({
					action: 'record-exported',
					targetType: 'floodHousehold',
					details: { on: 'device', exportedAt: '2026-11-22T09:00:00Z', offline: true }
				})
			)
		).toBe('Saved a household to a file on a device, offline');
		expect(describeAction(entry({ action: 'record-update', targetType: 'visit' }))).toBe(
			'Changed a Safe and Well visit'
		);
		expect(describeAction(entry({ action: 'record-archive', targetType: 'gizmo' }))).toBe(
			'Archived a record'
		);
	});

	it('counts what a sync sent or received', () => {
		expect(describeAction(entry({ action: 'sync-push', details: { changes: 12, applied: 12 } }))).toBe(
			'Sync: sent 12 changes'
		);
		expect(describeAction(entry({ action: 'sync-push', details: { changes: 1 } }))).toBe(
			'Sync: sent 1 change'
		);
		expect(describeAction(entry({ action: 'sync-push' }))).toBe('Sync: sent changes');
		const pull = entry({
			action: 'sync-pull',
			details: { records: 3, sensitive: 2, forgotten: 1, removed: 0 }
		});
		expect(describeAction(pull)).toBe(
			'Sync: received 3 records, 2 with personal details; 1 record removed from the device'
		);
		expect(describeAction({ ...pull, details: { records: 1, sensitive: 0 } })).toBe(
			'Sync: received 1 record'
		);
		expect(describeAction({ ...pull, details: { reset: true } })).toMatch(/told to download again/);
		expect(describeAction({ ...pull, details: {} })).toBe('Sync: received changes');
	});

	it('gives the reason for a refusal', () => {
		expect(describeAction(entry({ action: 'sign-in-failed', details: { reason: 'wrong password' } }))).toBe(
			'Sign-in refused: wrong password'
		);
		expect(
			describeAction(entry({ action: 'access-refused', details: { what: 'search the audit log' } }))
		).toBe('Refused: search the audit log');
		expect(
			describeAction(entry({ action: 'access-refused', targetType: 'visit', details: { what: 'read' } }))
		).toBe('Refused: read a Safe and Well visit');
		expect(describeAction(entry({ action: 'staff-reset' }))).toBe('Set a new password');
	});

	it('names the record, the person and the area', () => {
		const names = { [STAFF]: 'Fiona Graham' };
		expect(describeTarget(entry({ targetType: 'referral', targetId: REFERRAL }), names)).toBe(
			'Coach referral 1a2b3c4d'
		);
		expect(describeTarget(entry({ targetType: 'staff', targetId: STAFF }), names)).toBe(
			'Member of staff: Fiona Graham'
		);
		expect(describeTarget(entry({ targetType: 'staff', targetId: REFERRAL }), names)).toBe(
			'Member of staff: 1a2b3c4d'
		);
		expect(describeTarget(entry({ targetType: 'visit' }), names)).toBe('Visit');
		expect(describeTarget(entry({}), names)).toBeNull();
		expect(describePerson(STAFF, names)).toBe('Fiona Graham');
		expect(describePerson(REFERRAL, names)).toBe('Member of staff 1a2b3c4d');
		expect(describePerson(null, names)).toBe('Nobody signed in');
		expect(describeArea('south-lakeland')).toBe('South Lakeland');
		expect(describeArea('atlantis')).toBe('atlantis');
		expect(describeArea(null)).toBe('');
	});

	it('shows times in UK time, to the second, GMT or BST', () => {
		expect(formatAuditTime('2026-11-23T10:00:05.000Z')).toBe('23 Nov 2026, 10:00:05 GMT');
		expect(formatAuditTime('2026-07-01T23:30:00.000Z')).toBe('2 Jul 2026, 00:30:00 BST');
		expect(formatAuditTime('not a time')).toBe('not a time');
	});

	it('labels every detail, known or not, and never drops one', () => {
		expect(
			describeDetails({
				fields: ['consent', 'notes'],
				conflicts: 0,
				role: 'fireOfficer',
				areas: ['eden', 'barrow'],
				offline: true,
				viewedAt: '2026-11-22T09:00:00.000Z',
				type: 'floodHousehold',
				sessionsEnded: 2,
				reason: null,
				changed: []
			})
		).toEqual([
			{ label: 'Fields', value: 'consent, notes' },
			{ label: 'Conflicts', value: '0' },
			{ label: 'Role', value: 'Fire officer' },
			{ label: 'Areas', value: 'Eden, Barrow' },
			{ label: 'Without signal', value: 'Yes' },
			{ label: 'Opened at', value: '22 Nov 2026, 09:00:00 GMT' },
			{ label: 'Record type', value: 'Household' },
			{ label: 'Sessions ended', value: '2' },
			{ label: 'Reason', value: 'none' },
			{ label: 'Changed', value: 'none' }
		]);
	});
});
