import { describe, expect, it } from 'vitest';
import type { Colleague } from '$lib/domain/sync/protocol';
import { assigneeLabel, assigneeOptions, type AssigneeRole } from './assignees';

const COACH: AssigneeRole = { role: 'coach', noun: 'Coach' };
const person = (n: number, displayName: string, more: Partial<Colleague> = {}): Colleague => ({
	id: `0c0ac400-0000-4000-8000-00000000000${n}`,
	displayName,
	role: 'coach',
	areaIds: ['eden'],
	active: true,
	...more
});
const JO = person(1, 'Jo Hartley', { areaIds: ['eden', 'carlisle'] });
const SAM = person(2, 'Sam Reed');
const ALEX = person(3, 'Alex Moss', { active: false });
const PAT = person(4, 'Pat Oakes', { role: 'fireOfficer' });
const directory = [JO, SAM, ALEX, PAT];

describe('assigneeOptions', () => {
	it('offers the active staff of the role by name, with their areas, the person using the device first', () => {
		expect(assigneeOptions(directory, COACH, [], SAM.id)).toEqual([
			{ value: SAM.id, label: 'Sam Reed (you)' },
			{ value: JO.id, label: 'Jo Hartley (Carlisle, Eden)' }
		]);
		expect(assigneeOptions(directory, COACH, [], undefined).map((o) => o.label)).toEqual([
			'Jo Hartley (Carlisle, Eden)',
			'Sam Reed (Eden)'
		]);
	});

	it('keeps whoever records are assigned to already: a closed account marked, someone unnamed numbered', () => {
		const unknownA = '0c0ac400-0000-4000-8000-0000000000aa';
		const unknownB = '0c0ac400-0000-4000-8000-0000000000bb';
		const options = assigneeOptions(directory, COACH, [unknownB, ALEX.id, unknownA, JO.id], undefined);
		expect(options).toEqual([
			{ value: ALEX.id, label: 'Alex Moss (account closed)' },
			{ value: JO.id, label: 'Jo Hartley (Carlisle, Eden)' },
			{ value: SAM.id, label: 'Sam Reed (Eden)' },
			{ value: unknownA, label: 'Coach not named on this device (1)' },
			{ value: unknownB, label: 'Coach not named on this device (2)' }
		]);
	});

	it('before the directory has come, names nobody but still lists every assignment', () => {
		expect(assigneeOptions([], COACH, [SAM.id, SAM.id], SAM.id)).toEqual([
			{ value: SAM.id, label: 'Coach not named on this device (1)' }
		]);
	});

	it('labels an assignment from the options, or says it is someone the device does not know', () => {
		const options = assigneeOptions(directory, COACH, [], undefined);
		expect(assigneeLabel(options, JO.id, COACH)).toBe('Jo Hartley (Carlisle, Eden)');
		expect(assigneeLabel(options, PAT.id, COACH)).toBe('A coach not on this device');
		expect(assigneeLabel(options, undefined, COACH)).toBe('');
	});
});
