import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	fetchRequestSchema,
	MIN_CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	PUSH_MAX_BYTES,
	pullRequestSchema,
	pushRequestSchema,
	SCHEMA_VERSION,
	viewsRequestSchema,
	staffRequestSchema
} from '$lib/domain/sync/protocol';
import { checkChangeRequest, type RequestOrigin } from '../api/guard';
import { parseJsonBody } from '../api/json-body';
import type { Refusal } from '../api/refusal';
import { validateInput } from '../api/validate';
import { scopeOf, type Actor } from '../auth/actor';
import { fetch, pull, pullJson, type PullAnswer } from './pull';
import { push } from './push';
import { SyncRefusal } from './refusal';
import type { ServerClock, SyncDatabase } from './storage';
import { staffDirectory } from './staff';
import { reportViews } from './views';

export type SyncEndpoint = 'push' | 'pull' | 'fetch' | 'views' | 'staff';
export const SYNC_ENDPOINTS: readonly SyncEndpoint[] = ['push', 'pull', 'fetch', 'views', 'staff'];

/** What `handleSync` needs to know about the HTTP request besides its body. */
export interface SyncRequestInfo extends RequestOrigin {
	/** The signed-in member of staff the request acts for; sync refuses anyone else. */
	actor: Actor | null;
}

export interface SyncServer {
	database: SyncDatabase;
	now?: ServerClock;
	/** See `PushContext.waitForEarlierMs`. */
	waitForEarlierMs?: number;
}

export interface SyncAnswer {
	status: number;
	body: unknown;
	/** The body already written as JSON (a pull writes its records as stored): what the route sends. */
	json?: string;
}

/**
 * Largest body each endpoint reads. Devices batch pushes to 256 KB; the server takes up to four
 * times that so that one unusually large change can always be sent on its own.
 */
export const BODY_LIMITS: Record<SyncEndpoint, number> = {
	push: 4 * PUSH_MAX_BYTES,
	pull: 16 * 1024,
	fetch: 64 * 1024,
	views: 128 * 1024,
	staff: 16 * 1024
};
const SCHEMAS = {
	push: pushRequestSchema,
	pull: pullRequestSchema,
	fetch: fetchRequestSchema,
	views: viewsRequestSchema,
	staff: staffRequestSchema
} as const;

const refuse = (status: number, code: SyncRefusal['code'], message: string): SyncAnswer => ({
	status,
	body: new SyncRefusal(status, code, message).body
});
const answerOf = (r: Refusal): SyncAnswer => refuse(r.status, r.code as SyncRefusal['code'], r.message);

/**
 * One sync request, from raw body to answer, for the HTTP routes and for tests and benchmarks that
 * call it in-process. `body` is the JSON text as received (a string or bytes), or an already
 * parsed value. Anything a device sends wrong is a 4xx with a plain-English message; only a
 * server fault (the database unreachable) is a 5xx.
 */
export async function handleSync(
	endpoint: SyncEndpoint,
	body: unknown,
	info: SyncRequestInfo,
	server: SyncServer
): Promise<SyncAnswer> {
	const checked = checkRequest(endpoint, info);
	if ('status' in checked) return checked;
	const parsed = parseJsonBody(body, BODY_LIMITS[endpoint]);
	if (!('value' in parsed)) return answerOf(parsed);
	const refusedVersion = checkVersions(parsed.value);
	if (refusedVersion) return refusedVersion;
	try {
		return await serve(endpoint, parsed.value, server, checked.actor);
	} catch (error) {
		if (error instanceof SyncRefusal) return { status: error.status, body: error.body };
		const reference = randomUUID().slice(0, 8);
		console.error(`[sync ${reference}] ${endpoint} failed`, error);
		return refuse(
			503,
			'unavailable',
			`The server could not finish syncing just now (reference ${reference}). Your changes are safe on this device; it will try again.`
		);
	}
}

/** Cross-site and media-type checks (shared with every API route), then a signed-in member of staff. */
function checkRequest(endpoint: SyncEndpoint, info: SyncRequestInfo): { actor: Actor } | SyncAnswer {
	const crossSite = checkChangeRequest(info);
	if (crossSite) return answerOf(crossSite);
	if (!info.actor) {
		return refuse(
			401,
			'unauthenticated',
			`Sign in to Fellside to sync (${endpoint}). Your changes are kept on this device until you do.`
		);
	}
	return { actor: info.actor };
}

/**
 * The versions, checked before the rest of the body so an out-of-date device is told to update
 * rather than shown whatever else changed in the protocol.
 */
function checkVersions(value: unknown): SyncAnswer | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { protocol, schemaVersion } = value as { protocol?: unknown; schemaVersion?: unknown };
	const older =
		(typeof protocol === 'number' && protocol < PROTOCOL_VERSION) ||
		(typeof schemaVersion === 'number' && schemaVersion < MIN_CLIENT_SCHEMA_VERSION);
	if (older) {
		return refuse(
			426,
			'client-too-old',
			'This version of Fellside is too old to sync. Update Fellside (reload the app when online); your changes are kept on this device and sent after the update.'
		);
	}
	const newer =
		(typeof protocol === 'number' && protocol > PROTOCOL_VERSION) ||
		(typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION);
	if (newer) {
		return refuse(
			409,
			'server-too-old',
			'This device runs a newer version of Fellside than the server. Your changes are kept on this device and sent once the server is updated; tell your administrator.'
		);
	}
	return undefined;
}

async function serve(
	endpoint: SyncEndpoint,
	value: unknown,
	server: SyncServer,
	actor: Actor
): Promise<SyncAnswer> {
	const context = {
		scope: scopeOf(actor),
		deviceId: actor.deviceId,
		...(server.now ? { now: server.now } : {}),
		...(server.waitForEarlierMs ? { waitForEarlierMs: server.waitForEarlierMs } : {})
	};
	const ok = (body: unknown): SyncAnswer => ({ status: 200, body });
	switch (endpoint) {
		case 'push':
			return ok(await push(server.database, validate(SCHEMAS.push, value), context));
		case 'pull':
			return pulled(await pull(server.database, validate(SCHEMAS.pull, value), context));
		case 'fetch':
			return ok(await fetch(server.database, validate(SCHEMAS.fetch, value), context));
		case 'views':
			return ok(await reportViews(server.database, validate(SCHEMAS.views, value), context));
		case 'staff':
			return ok(await staffDirectory(server.database, validate(SCHEMAS.staff, value), context));
	}
}

/**
 * A pull's answer as the text the route sends; callers in this process (tests, the simulations) read
 * `body`, parsed from that same text as a device would, so they check what goes over the wire.
 */
function pulled(answer: PullAnswer): SyncAnswer {
	const json = pullJson(answer);
	let body: unknown;
	return {
		status: 200,
		json,
		get body(): unknown {
			return (body ??= JSON.parse(json));
		}
	};
}

/** The body against its schema; a refusal names the fields that are wrong. */
function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
	const result = validateInput(schema, value);
	if ('data' in result) return result.data;
	throw new SyncRefusal(400, 'bad-request', result.message);
}
