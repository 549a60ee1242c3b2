import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../common';
import {
	appendOutcome,
	callTreeActivationSchema,
	latestAttempts,
	nextToCall,
	progressByZone,
	type CallLogEntry,
	type CallTreeActivation,
	type CallTreeActivationInput
} from './activation';
import { callTree } from './cascade';
import { KESWICK_CONTACT_IDS as ID, keswickContacts, keswickGroup, stormActivation } from './fixtures';

const tree = callTree(keswickGroup, keswickContacts);
const ENTRY_ID = 'e0000000-0000-4000-8000-00000000ffff';

function entry(more: Partial<CallLogEntry> = {}): CallLogEntry {
	return {
		id: ENTRY_ID,
		contactId: ID.refuge,
		at: '2026-01-20T06:50:00Z',
		channel: 'call',
		outcome: 'reached',
		by: 'Margaret Hodgson',
		...more
	};
}

function errors(input: unknown) {
	const result = callTreeActivationSchema.safeParse(input);
	return result.success ? [] : fieldErrors(result.error);
}

const fresh: CallTreeActivationInput = {
	groupId: keswickGroup.id,
	title: 'Storm warning – River Greta',
	startedAt: '2026-01-20T06:15:00Z',
	startedBy: 'Margaret Hodgson'
};

describe('call-tree activation', () => {
	it('accepts a new activation with an empty log', () => {
		expect(callTreeActivationSchema.parse(fresh)).toEqual({ ...fresh, log: [] });
	});

	it('accepts the Keswick storm activation as it stands', () => {
		const { id: _id, ...data } = stormActivation;
		expect(callTreeActivationSchema.parse(data)).toEqual(data);
	});

	it('stores the flood area code with its prefix upper-cased', () => {
		expect(callTreeActivationSchema.parse({ ...fresh, floodAreaCode: '011fwFNC6KC' }).floodAreaCode).toBe(
			'011FWFNC6KC'
		);
	});

	it.each([
		['groupId', 'keswick', 'Choose the flood group'],
		['title', ' ', 'Enter a title'],
		['floodAreaCode', 'Greta', 'Enter an Environment Agency flood area code, like 011FWFNC6KC'],
		['startedAt', '20/01/2026 06:15', 'Enter a date and time'],
		['startedBy', '', 'Enter who started it'],
		['endedAt', 'tomorrow', 'Enter a date and time']
	])('refuses %s = %j', (field, value, message) => {
		expect(errors({ ...fresh, [field]: value })).toEqual([{ path: field, message }]);
	});

	it.each(['2026-01-20T06:15:00Z', '2026-01-20T07:14:00+01:00'])(
		'refuses an end at or before the start (%s)',
		(endedAt) => {
			expect(errors({ ...fresh, endedAt })).toEqual([
				{ path: 'endedAt', message: 'The end must be after the start' }
			]);
		}
	);

	it('accepts an end after the start, across time zones', () => {
		expect(errors({ ...fresh, endedAt: '2026-01-20T07:16:00+01:00' })).toEqual([]);
	});

	describe('log entries', () => {
		it.each([
			['id', 'one', 'Each log entry needs its own id'],
			['contactId', 'Helen', 'Choose who you tried to reach'],
			['at', 'now', 'Enter a date and time'],
			['channel', 'pigeon', 'Choose how you tried to reach them: call, text or visit'],
			['outcome', 'maybe', 'Choose what happened: reached, no answer, left a message or needs help'],
			['by', '', 'Enter who made the call'],
			['note', 'x'.repeat(501), 'The note must be 500 characters or fewer']
		])('refuses %s = %j', (field, value, message) => {
			expect(errors({ ...fresh, log: [{ ...entry(), [field]: value }] })).toEqual([
				{ path: `log.0.${field}`, message }
			]);
		});

		it('refuses the same entry twice', () => {
			expect(errors({ ...fresh, log: [entry(), entry()] })).toEqual([
				{ path: 'log.1.id', message: 'This log entry is recorded twice' }
			]);
		});

		it('does not refuse an entry timed before the start: phone clocks differ', () => {
			expect(errors({ ...fresh, log: [entry({ at: '2026-01-20T06:14:00Z' })] })).toEqual([]);
		});
	});
});

describe('latest attempts', () => {
	it('takes the latest by time, not by place in the log', () => {
		const log = [
			entry({ id: 'e0000000-0000-4000-8000-000000000002', at: '2026-01-20T07:00:00Z', outcome: 'reached' }),
			entry({ id: 'e0000000-0000-4000-8000-000000000001', at: '2026-01-20T06:00:00Z', outcome: 'noAnswer' })
		];
		expect(latestAttempts(log).get(ID.refuge)?.outcome).toBe('reached');
	});

	it('compares times across offsets', () => {
		const log = [
			entry({
				id: 'e0000000-0000-4000-8000-000000000001',
				at: '2026-06-20T07:30:00+01:00',
				outcome: 'reached'
			}),
			entry({ id: 'e0000000-0000-4000-8000-000000000002', at: '2026-06-20T06:40:00Z', outcome: 'noAnswer' })
		];
		expect(latestAttempts(log).get(ID.refuge)?.outcome).toBe('noAnswer');
	});

	it('on equal times takes the entry logged later', () => {
		const log = [
			entry({ id: 'e0000000-0000-4000-8000-000000000001', outcome: 'noAnswer' }),
			entry({ id: 'e0000000-0000-4000-8000-000000000002', outcome: 'leftMessage' })
		];
		expect(latestAttempts(log).get(ID.refuge)?.outcome).toBe('leftMessage');
	});
});

describe('progress by zone', () => {
	it('counts each contact once, by their latest outcome', () => {
		expect(progressByZone(tree, stormActivation)).toEqual([
			{ key: 'coordination', name: 'Coordination', total: 4, reached: 3, needsHelp: 0, outstanding: 1 },
			{
				key: 'zone:a',
				name: 'Zone A – Penrith Road and Greta Side',
				total: 3,
				reached: 1,
				needsHelp: 1,
				outstanding: 1
			},
			{
				key: 'zone:b',
				name: 'Zone B – High Hill and Crosthwaite Road',
				total: 3,
				reached: 1,
				needsHelp: 0,
				outstanding: 2
			},
			{
				key: 'zone:c',
				name: 'Zone C – Fitz Park and Station Street',
				total: 2,
				reached: 0,
				needsHelp: 0,
				outstanding: 2
			}
		]);
	});

	it.each([
		['reached', { reached: 1, needsHelp: 0, outstanding: 0 }],
		['needsHelp', { reached: 0, needsHelp: 1, outstanding: 0 }],
		['noAnswer', { reached: 0, needsHelp: 0, outstanding: 1 }],
		['leftMessage', { reached: 0, needsHelp: 0, outstanding: 1 }]
	] as const)('a latest outcome of %s counts as %j', (outcome, counts) => {
		const log = [entry({ outcome })];
		expect(progressByZone(tree, { log })[0]).toMatchObject({
			total: 4,
			...counts,
			outstanding: counts.outstanding + 3
		});
	});

	it('a later answer replaces an earlier missed call', () => {
		// Ian Graham: no answer at 06:22, reached at 06:31.
		const zoneA = progressByZone(tree, stormActivation)[1];
		expect(zoneA?.reached).toBe(1);
	});

	it('ignores log entries for people no longer on the tree', () => {
		const log = [entry({ contactId: ID.withdrawnB })];
		expect(progressByZone(tree, { log })[2]).toMatchObject({ total: 3, reached: 0, outstanding: 3 });
	});

	it('shows an empty zone as nothing to do', () => {
		const empty = callTree({ id: keswickGroup.id, zones: [{ id: 'd', name: 'Zone D – Brundholme' }] }, []);
		expect(progressByZone(empty, { log: [] })[1]).toEqual({
			key: 'zone:d',
			name: 'Zone D – Brundholme',
			total: 0,
			reached: 0,
			needsHelp: 0,
			outstanding: 0
		});
	});
});

describe('next to call', () => {
	it('starts at the top of the cascade', () => {
		expect(nextToCall(tree, { log: [] })).toMatchObject({
			contact: { name: 'Margaret Hodgson' },
			tierKey: 'coordination',
			tierName: 'Coordination',
			retry: false
		});
	});

	it('goes down the cascade tier by tier, skipping the reached and those needing help', () => {
		expect(nextToCall(tree, stormActivation)?.contact.name).toBe('Helen Bowness');
		const log = [...stormActivation.log, entry({ contactId: ID.refuge })];
		// Ian reached; Claire untried; Dorothy needs help (a visit, not another call).
		expect(nextToCall(tree, { log })?.contact.name).toBe('Claire Relph');
	});

	it('keeps a warden to their own zone, trying everyone once before anyone again', () => {
		// Zone B: Andrew reached, Emma untried, Joan left a message.
		expect(nextToCall(tree, stormActivation, 'zone:b')).toMatchObject({
			contact: { name: 'Emma Storey' },
			retry: false
		});
	});

	it('comes back to the unanswered, in cascade order, once everyone has been tried', () => {
		const log = [
			entry({ id: 'e0000000-0000-4000-8000-000000000001', contactId: ID.wardenB1, outcome: 'noAnswer' }),
			entry({ id: 'e0000000-0000-4000-8000-000000000002', contactId: ID.wardenB2, outcome: 'leftMessage' }),
			entry({ id: 'e0000000-0000-4000-8000-000000000003', contactId: ID.residentB, outcome: 'reached' })
		];
		const next = nextToCall(tree, { log }, 'zone:b');
		expect(next).toMatchObject({
			contact: { name: 'Andrew Teasdale' },
			retry: true,
			lastAttempt: { outcome: 'noAnswer' }
		});
	});

	it('is nobody once everyone is reached or being helped', () => {
		const log = tree
			.flatMap((tier) => tier.contacts)
			.map((contact, i) =>
				entry({
					id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
					contactId: contact.id,
					outcome: i % 2 ? 'reached' : 'needsHelp'
				})
			);
		expect(nextToCall(tree, { log })).toBeNull();
	});

	it('is nobody in an unknown or empty tier', () => {
		expect(nextToCall(tree, { log: [] }, 'zone:z')).toBeNull();
	});
});

describe('appendOutcome', () => {
	const ongoing: CallTreeActivation = stormActivation;

	it('returns a new activation with the entry at the end, leaving the old one untouched', () => {
		const result = appendOutcome(ongoing, entry(), tree);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.activation.log).toHaveLength(ongoing.log.length + 1);
		expect(result.activation.log.at(-1)).toEqual(entry());
		expect(ongoing.log).toHaveLength(stormActivation.log.length);
		expect(nextToCall(tree, result.activation)?.contact.name).toBe('Claire Relph');
	});

	it('refuses once the activation has ended', () => {
		expect(appendOutcome({ ...ongoing, endedAt: '2026-01-20T09:00:00Z' }, entry(), tree)).toEqual({
			ok: false,
			reason: 'This activation has ended'
		});
	});

	it('refuses someone not on the call tree', () => {
		for (const contactId of [ID.withdrawnB, ID.invitedA, '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']) {
			expect(appendOutcome(ongoing, entry({ contactId }), tree)).toEqual({
				ok: false,
				reason: "This person is not on the group's call tree"
			});
		}
	});

	it('without the tree to hand, cannot tell and accepts', () => {
		expect(appendOutcome(ongoing, entry({ contactId: ID.withdrawnB })).ok).toBe(true);
	});

	it('refuses an incomplete entry with the reason', () => {
		expect(appendOutcome(ongoing, { ...entry(), outcome: 'maybe' } as unknown as CallLogEntry, tree)).toEqual(
			{
				ok: false,
				reason: 'Choose what happened: reached, no answer, left a message or needs help'
			}
		);
		expect(appendOutcome(ongoing, entry({ by: ' ' }), tree)).toEqual({
			ok: false,
			reason: 'Enter who made the call'
		});
	});

	it('trims what was typed', () => {
		const result = appendOutcome(ongoing, entry({ note: '  Going to the hall  ' }), tree);
		expect(result.ok && result.activation.log.at(-1)?.note).toBe('Going to the hall');
	});

	it('keeps an entry saved twice once', () => {
		const once = appendOutcome(ongoing, entry(), tree);
		if (!once.ok) throw new Error(once.reason);
		const twice = appendOutcome(once.activation, entry(), tree);
		expect(twice).toEqual({ ok: true, activation: once.activation });
	});
});
