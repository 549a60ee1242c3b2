import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordType, StaffRole } from '$lib/domain/records';
import { available, testDatabases } from '$lib/server/db/testing';
import {
	actionsFor,
	openMatrix,
	REST_ACTIONS,
	SYNC_ACTIONS,
	type Action,
	type Where
} from './matrix-harness';

/**
 * The authorisation matrix (issue 5's acceptance): every role × record type × action, over the
 * HTTP handlers, on SQLite and PostgreSQL. The answers are written out by hand below, not computed
 * from the access rules: [role, type, where, the actions allowed]; every action not named must be
 * refused. Each person works in Eden; "away" records are in Copeland. "assigned" records are in
 * Copeland and assigned to the person (a referral's coach, a visit's officer); "raised" ones were
 * created by the person in Eden and then moved to Copeland by an administrator.
 */
const ALL = 'list read create update archive pull push:create push:update push:archive';
const SEE = 'list read pull';
const NONE = '';

const FLOOD_TYPES: RecordType[] = ['floodGroup', 'floodContact', 'floodHousehold', 'floodActivation'];
const each = (role: StaffRole, types: RecordType[], where: Where, allowed: string) =>
	types.map((type): Row => [role, type, where, allowed]);

type Row = [StaffRole, RecordType, Where, string];
const EXPECTED: Row[] = [
	['coach', 'asset', 'home', SEE],
	['coach', 'asset', 'away', SEE],
	['coach', 'visit', 'home', NONE],
	['coach', 'visit', 'away', NONE],
	['coach', 'visit', 'assigned', NONE],
	['coach', 'referral', 'home', ALL],
	['coach', 'referral', 'away', NONE],
	['coach', 'referral', 'assigned', ALL],
	['coach', 'referral', 'raised', NONE],
	...each('coach', FLOOD_TYPES, 'home', NONE),
	...each('coach', FLOOD_TYPES, 'away', NONE),

	['fireOfficer', 'asset', 'home', SEE],
	['fireOfficer', 'asset', 'away', SEE],
	['fireOfficer', 'visit', 'home', ALL],
	['fireOfficer', 'visit', 'away', NONE],
	['fireOfficer', 'visit', 'assigned', 'list read update pull push:update'],
	['fireOfficer', 'visit', 'raised', NONE],
	['fireOfficer', 'referral', 'home', 'create push:create'],
	['fireOfficer', 'referral', 'away', NONE],
	['fireOfficer', 'referral', 'assigned', NONE],
	['fireOfficer', 'referral', 'raised', 'list read update pull push:update'],
	...each('fireOfficer', FLOOD_TYPES, 'home', NONE),
	...each('fireOfficer', FLOOD_TYPES, 'away', NONE),

	['areaTeam', 'asset', 'home', ALL],
	['areaTeam', 'asset', 'away', SEE],
	['areaTeam', 'visit', 'home', NONE],
	['areaTeam', 'visit', 'away', NONE],
	['areaTeam', 'visit', 'assigned', NONE],
	['areaTeam', 'referral', 'home', NONE],
	['areaTeam', 'referral', 'away', NONE],
	['areaTeam', 'referral', 'assigned', NONE],
	...each('areaTeam', FLOOD_TYPES, 'home', ALL),
	...each('areaTeam', FLOOD_TYPES, 'away', NONE),

	['manager', 'asset', 'home', ALL],
	['manager', 'asset', 'away', SEE],
	['manager', 'visit', 'home', ALL],
	['manager', 'visit', 'away', NONE],
	['manager', 'visit', 'assigned', NONE],
	['manager', 'referral', 'home', ALL],
	['manager', 'referral', 'away', NONE],
	['manager', 'referral', 'assigned', NONE],
	['manager', 'referral', 'raised', NONE],
	...each('manager', FLOOD_TYPES, 'home', ALL),
	...each('manager', FLOOD_TYPES, 'away', NONE),

	['admin', 'asset', 'home', ALL],
	['admin', 'asset', 'away', ALL],
	['admin', 'visit', 'home', ALL],
	['admin', 'visit', 'away', ALL],
	['admin', 'visit', 'assigned', ALL],
	['admin', 'referral', 'home', ALL],
	['admin', 'referral', 'away', ALL],
	['admin', 'referral', 'assigned', ALL],
	...each('admin', FLOOD_TYPES, 'home', ALL),
	...each('admin', FLOOD_TYPES, 'away', ALL)
];

/** The expected answers for some of the actions, in the order the harness tries them. */
const expectedFor = (allowed: string, actions: readonly Action[]) =>
	actions.filter((action) => allowed.split(' ').includes(action)).join(' ');

const rowsWhere = (keep: (where: Where) => boolean) => EXPECTED.filter(([, , where]) => keep(where));

describe.each(testDatabases)('the authorisation matrix on $kind', (kind) => {
	let matrix: Awaited<ReturnType<typeof openMatrix>> | undefined;
	beforeAll(async () => {
		if (available(kind)) matrix = await openMatrix(kind);
	});
	afterAll(async () => matrix?.cleanup());

	async function check(row: Row, actions: readonly Action[]) {
		const [role, type, where, allowed] = row;
		const tried = actionsFor(where, actions);
		const granted = await (matrix as NonNullable<typeof matrix>).allowed(role, type, where, tried);
		expect(granted.join(' ')).toBe(expectedFor(allowed, tried));
	}

	describe.skipIf(!available(kind))('over the record API (list, read, create, update, archive)', () => {
		it.each(rowsWhere((where) => where !== 'raised'))('%s, %s (%s): %s', async (...row) => {
			await check(row, REST_ACTIONS);
		});
	});

	describe.skipIf(!available(kind))(
		'over the record API, records the person raised: NEEDS record.created_by (brief S1, migration 0004_access); fails for allowed cells until it is merged',
		() => {
			it.each(rowsWhere((where) => where === 'raised'))('%s, %s (%s): %s', async (...row) => {
				await check(row, REST_ACTIONS);
			});
		}
	);

	describe.skipIf(!available(kind))(
		'over sync pull and push: NEEDS authorisation in sync (brief S1); fails for refused cells until it is merged',
		() => {
			it.each(EXPECTED)('%s, %s (%s): %s', async (...row) => {
				await check(row, SYNC_ACTIONS);
			});
		}
	);
});
