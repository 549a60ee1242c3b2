import { randomUUID } from 'node:crypto';
import type { AreaId } from '$lib/domain/areas';
import { apiErrorSchema } from '$lib/domain/api-error';
import { apiRecordSchema, recordPageSchema } from '$lib/domain/record-api';
import type { RecordType, StaffRole } from '$lib/domain/records';
import { encodeHlc } from '$lib/domain/sync/hlc';
import {
	PROTOCOL_VERSION,
	pullResponseSchema,
	pushResponseSchema,
	SCHEMA_VERSION,
	type MutationInput
} from '$lib/domain/sync/protocol';
import type { ApiContext } from '$lib/server/api/context';
import { contextFor, jsonRequest } from '$lib/server/api/testing';
import { openAuthDatabase, PASSWORD } from '$lib/server/auth/testing';
import type { TestDatabase } from '$lib/server/db/testing';
import {
	archiveRecordRoute,
	createRecordRoute,
	listRecordsRoute,
	readRecordRoute,
	updateRecordRoute
} from '$lib/server/records/routes';
import {
	AWAY,
	HOME,
	recordUrl,
	SAMPLE_CHANGE,
	sampleData,
	signedInByCookie
} from '$lib/server/records/testing';
import { syncRoute } from '$lib/server/sync/route';

/**
 * The authorisation matrix's machinery: people of every role signed in by cookie, records set up
 * in each situation, and each action tried through the HTTP handlers the routes call (the record
 * API, and sync's pull and push). Each action answers whether it was allowed; a refusal must also
 * have the right shape (404 for what the person may not see, 403 with a reason, a rejected change
 * left unapplied), or the harness throws.
 */

export const ROLES: readonly StaffRole[] = ['coach', 'fireOfficer', 'areaTeam', 'manager', 'admin'];

/**
 * Where the record is, for the person: in their area (home), elsewhere and not theirs (away),
 * elsewhere but assigned to them, or elsewhere but raised (created) by them.
 */
export type Where = 'home' | 'away' | 'assigned' | 'raised';

export const REST_ACTIONS = ['list', 'read', 'create', 'update', 'archive'] as const;
export const SYNC_ACTIONS = ['pull', 'push:create', 'push:update', 'push:archive'] as const;
export type Action = (typeof REST_ACTIONS)[number] | (typeof SYNC_ACTIONS)[number];

/** A record is raised by being created: the raised situation has no create of its own to try. */
export const actionsFor = (where: Where, actions: readonly Action[]): Action[] =>
	where === 'raised' ? actions.filter((a) => a !== 'create' && a !== 'push:create') : [...actions];

interface Person {
	role: StaffRole;
	staffId: string;
	context: ApiContext;
	/** The person's device for sync: its client id, next change number and pull cursor. */
	device: { clientId: string; nextId: number; cursor: string | null; seen: Set<string> };
}

function fail(what: string, status: number, body: unknown): never {
	throw new Error(`${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
}

async function statusAndBody(response: Response) {
	return { status: response.status, body: (await response.json()) as unknown };
}

/** A refusal with a message a person can act on. */
function refusedWith(status: number, body: unknown, what: string): void {
	const parsed = apiErrorSchema.safeParse(body);
	if (!parsed.success || parsed.data.error.status !== status || parsed.data.error.message.length < 10) {
		fail(`${what}: not a well-formed refusal`, status, body);
	}
}

export async function openMatrix(kind: TestDatabase) {
	const opened = await openAuthDatabase(kind);
	const people = new Map<StaffRole, Person>();
	for (const role of ROLES) {
		const username = `matrix.${role.toLowerCase()}`;
		const staff = await opened.addStaff(username, role, { areaIds: [HOME] });
		const session = await signedInByCookie(opened.store, username, PASSWORD);
		const device = { clientId: randomUUID(), nextId: 1, cursor: null, seen: new Set<string>() };
		people.set(role, { role, staffId: staff.id, context: contextFor(opened.store, session), device });
	}
	const personOf = (role: StaffRole) => people.get(role) as Person;
	/** Records are set up by an administrator of a separate account, as an office would. */
	await opened.addStaff('matrix.setup', 'admin', { areaIds: [HOME] });
	const setup = contextFor(opened.store, await signedInByCookie(opened.store, 'matrix.setup', PASSWORD));

	async function create(context: ApiContext, type: RecordType, area: AreaId, assignee?: string) {
		const body = { area, data: sampleData(type, assignee) };
		return statusAndBody(
			await createRecordRoute(jsonRequest(`/api/v1/records/${type}`, body), context, type)
		);
	}

	async function move(type: RecordType, id: string, area: AreaId) {
		const request = jsonRequest(`/api/v1/records/${type}/${id}`, { area }, 'PATCH');
		const { status, body } = await statusAndBody(await updateRecordRoute(request, setup, type, id));
		if (status !== 200) fail(`moving ${type} ${id}`, status, body);
	}

	/** A new record in the situation, for this person; its id. */
	async function recordFor(role: StaffRole, type: RecordType, where: Where): Promise<string> {
		const person = personOf(role);
		if (where === 'raised') {
			const raised = await create(person.context, type, HOME);
			if (raised.status !== 201) fail(`${role} raising a ${type} at home`, raised.status, raised.body);
			const id = apiRecordSchema.parse(raised.body).id;
			await move(type, id, AWAY);
			return id;
		}
		const assignee = where === 'assigned' ? person.staffId : undefined;
		const made = await create(setup, type, where === 'home' ? HOME : AWAY, assignee);
		if (made.status !== 201) fail(`setting up a ${type}`, made.status, made.body);
		return apiRecordSchema.parse(made.body).id;
	}

	const areaOf = (where: Where) => (where === 'home' ? HOME : AWAY);
	const assigneeOf = (person: Person, where: Where) => (where === 'assigned' ? person.staffId : undefined);

	async function stored(id: string) {
		return opened.db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst();
	}

	// ---- the record API ----

	async function list(person: Person, type: RecordType, id: string, where: Where): Promise<boolean> {
		let after = '';
		for (let pages = 0; pages < 100; pages++) {
			const url = recordUrl(`/${type}?archived=include&limit=200&area=${areaOf(where)}${after}`);
			const { status, body } = await statusAndBody(await listRecordsRoute(url, person.context, type));
			if (status === 403) {
				refusedWith(status, body, `${person.role} listing ${type}`);
				return false;
			}
			if (status !== 200) fail(`${person.role} listing ${type}`, status, body);
			const page = recordPageSchema.parse(body);
			if (page.records.some((r) => r.id === id)) return true;
			if (!page.next) return false;
			after = `&after=${page.next}`;
		}
		throw new Error('the list did not end in 100 pages');
	}

	async function read(person: Person, type: RecordType, id: string): Promise<boolean> {
		const { status, body } = await statusAndBody(await readRecordRoute(person.context, type, id));
		if (status === 200) return apiRecordSchema.parse(body).id === id;
		if (status !== 404) fail(`${person.role} reading a ${type}`, status, body);
		refusedWith(status, body, `${person.role} reading a ${type}`);
		return false;
	}

	async function createAs(person: Person, type: RecordType, where: Where): Promise<boolean> {
		const { status, body } = await create(person.context, type, areaOf(where), assigneeOf(person, where));
		if (status === 201) return true;
		if (status !== 403) fail(`${person.role} adding a ${type}`, status, body);
		refusedWith(status, body, `${person.role} adding a ${type}`);
		return false;
	}

	/** 403 for a record the person may see; 404, as if absent, for one they may not. */
	function writeRefusal(person: Person, what: string, status: number, body: unknown, canRead: boolean) {
		if (status !== (canRead ? 403 : 404)) fail(`${person.role} ${what} (readable: ${canRead})`, status, body);
		refusedWith(status, body, `${person.role} ${what}`);
	}

	async function update(person: Person, type: RecordType, id: string, canRead: boolean): Promise<boolean> {
		const request = jsonRequest(`/api/v1/records/${type}/${id}`, { data: SAMPLE_CHANGE[type] }, 'PATCH');
		const { status, body } = await statusAndBody(await updateRecordRoute(request, person.context, type, id));
		if (status === 200) return true;
		writeRefusal(person, `changing a ${type}`, status, body, canRead);
		await unchanged(id, type, 'a refused change');
		return false;
	}

	async function archive(person: Person, type: RecordType, id: string, canRead: boolean): Promise<boolean> {
		const { status, body } = await statusAndBody(await archiveRecordRoute(person.context, type, id, true));
		if (status === 200) return apiRecordSchema.parse(body).archivedAt !== null;
		writeRefusal(person, `archiving a ${type}`, status, body, canRead);
		if ((await stored(id))?.archived_at !== null) throw new Error(`a refused archive archived ${id}`);
		return false;
	}

	async function unchanged(id: string, type: RecordType, what: string) {
		const row = await stored(id);
		const data = JSON.parse(row?.data ?? '{}') as Record<string, unknown>;
		for (const [key, value] of Object.entries(SAMPLE_CHANGE[type])) {
			if (data[key] === value) throw new Error(`${what} was applied to ${type} ${id}`);
		}
	}

	// ---- sync ----

	async function sync(person: Person, endpoint: 'pull' | 'push', body: object) {
		const envelope = {
			protocol: PROTOCOL_VERSION,
			schemaVersion: SCHEMA_VERSION,
			clientId: person.device.clientId
		};
		const request = jsonRequest(`/api/v1/sync/${endpoint}`, { ...envelope, ...body });
		return statusAndBody(await syncRoute(endpoint, request, person.context));
	}

	/** Pull from where the person's device left off; was the record among the changes? */
	async function pull(person: Person, id: string): Promise<boolean> {
		for (let pages = 0; pages < 100; pages++) {
			const { status, body } = await sync(person, 'pull', { cursor: person.device.cursor });
			if (status !== 200) fail(`${person.role} pulling`, status, body);
			const page = pullResponseSchema.parse(body);
			if (page.reset) throw new Error(`a pull was reset: ${page.reason}`);
			for (const change of page.changes)
				if (change.kind === 'record') person.device.seen.add(change.record.id);
			person.device.cursor = page.cursor;
			if (!page.more) return person.device.seen.has(id);
		}
		throw new Error('the pull did not end in 100 pages');
	}

	/** Push one change from the person's device: applied, or rejected with a reason. */
	async function push(person: Person, change: Omit<MutationInput, 'id' | 'hlc' | 'at'>): Promise<boolean> {
		const id = person.device.nextId++;
		const hlc = encodeHlc({ ms: Date.now(), counter: id, node: person.device.clientId });
		const mutation = { ...change, id, hlc, at: new Date().toISOString() };
		const { status, body } = await sync(person, 'push', { mutations: [mutation] });
		if (status !== 200) fail(`${person.role} pushing`, status, body);
		const [result] = pushResponseSchema.parse(body).results;
		if (result?.status === 'applied') return true;
		if (!result?.reason || result.reason.length < 10) fail('a push rejected without a reason', status, body);
		return false;
	}

	/** The versions the device would hold for the record: every key, as stored. */
	async function baseOf(id: string) {
		return JSON.parse((await stored(id))?.versions ?? '{}') as Record<string, string>;
	}

	async function pushCreate(person: Person, type: RecordType, where: Where) {
		const set = sampleData(type, assigneeOf(person, where));
		return push(person, { recordId: randomUUID(), type, op: 'create', set, area: areaOf(where) });
	}

	async function pushUpdate(person: Person, type: RecordType, id: string) {
		const set = SAMPLE_CHANGE[type];
		const applied = await push(person, { recordId: id, type, op: 'update', set, base: await baseOf(id) });
		if (!applied) await unchanged(id, type, 'a rejected push');
		return applied;
	}

	async function pushArchive(person: Person, type: RecordType, id: string) {
		const applied = await push(person, { recordId: id, type, op: 'archive', base: await baseOf(id) });
		if (!applied && (await stored(id))?.archived_at !== null)
			throw new Error(`a rejected push archived ${id}`);
		return applied;
	}

	/**
	 * Try each action for the person on a record of the type in the situation; the ones allowed,
	 * in the order asked. Archiving is tried on a record of its own, so it leaves the others be.
	 */
	async function allowed(role: StaffRole, type: RecordType, where: Where, actions: readonly Action[]) {
		const person = personOf(role);
		const id = await recordFor(role, type, where);
		const canRead = await read(person, type, id);
		const tries: Record<Action, () => Promise<boolean>> = {
			list: () => list(person, type, id, where),
			read: () => Promise.resolve(canRead),
			create: () => createAs(person, type, where),
			update: () => update(person, type, id, canRead),
			archive: async () => archive(person, type, await recordFor(role, type, where), canRead),
			pull: () => pull(person, id),
			'push:create': () => pushCreate(person, type, where),
			'push:update': () => pushUpdate(person, type, id),
			'push:archive': async () => pushArchive(person, type, await recordFor(role, type, where))
		};
		const granted: Action[] = [];
		for (const action of actions) if (await tries[action]()) granted.push(action);
		return granted;
	}

	return { allowed, cleanup: opened.cleanup };
}
