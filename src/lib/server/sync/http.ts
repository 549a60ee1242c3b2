import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	fetchRequestSchema,
	MIN_CLIENT_SCHEMA_VERSION,
	PROTOCOL_VERSION,
	PUSH_MAX_BYTES,
	pullRequestSchema,
	pushRequestSchema,
	SCHEMA_VERSION
} from '$lib/domain/sync/protocol';
import { fetch, pull } from './pull';
import { push } from './push';
import { SyncRefusal } from './refusal';
import type { ServerClock, SyncDatabase } from './storage';

export type SyncEndpoint = 'push' | 'pull' | 'fetch';
export const SYNC_ENDPOINTS: readonly SyncEndpoint[] = ['push', 'pull', 'fetch'];

/** What `handleSync` needs to know about the HTTP request besides its body. */
export interface SyncRequestInfo {
	contentType: string | null;
	origin: string | null;
	secFetchSite: string | null;
	/** This server's own origin (scheme://host[:port]); a browser's Origin must match it. */
	serverOrigin: string;
}

export interface SyncServer {
	database: SyncDatabase;
	/**
	 * Whether devices may sync. Until staff sign-in exists (issue 5) anyone could read and change
	 * every record, so only a server holding fictional demo data serves sync.
	 */
	open: boolean;
	now?: ServerClock;
}

export interface SyncAnswer {
	status: number;
	body: unknown;
}

/**
 * Largest body each endpoint reads. Devices batch pushes to 256 KB; the server takes up to four
 * times that so that one unusually large change can always be sent on its own.
 */
export const BODY_LIMITS: Record<SyncEndpoint, number> = {
	push: 4 * PUSH_MAX_BYTES,
	pull: 16 * 1024,
	fetch: 64 * 1024
};
/** Deeper JSON than any record holds is refused before anything walks it recursively. */
const MAX_DEPTH = 32;

const SCHEMAS = { push: pushRequestSchema, pull: pullRequestSchema, fetch: fetchRequestSchema } as const;

const refuse = (status: number, code: SyncRefusal['code'], message: string): SyncAnswer => ({
	status,
	body: new SyncRefusal(status, code, message).body
});

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
	const refused = checkRequest(endpoint, info, server);
	if (refused) return refused;
	const parsed = parseBody(endpoint, body);
	if ('status' in parsed) return parsed;
	const refusedVersion = checkVersions(parsed.value);
	if (refusedVersion) return refusedVersion;
	try {
		return { status: 200, body: await serve(endpoint, parsed.value, server) };
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

function checkRequest(
	endpoint: SyncEndpoint,
	info: SyncRequestInfo,
	server: SyncServer
): SyncAnswer | undefined {
	const mediaType = info.contentType?.split(';')[0]?.trim().toLowerCase();
	if (mediaType !== 'application/json') {
		return refuse(
			415,
			'unsupported-media-type',
			'Sync requests must be sent as JSON (Content-Type: application/json).'
		);
	}
	const site = info.secFetchSite?.toLowerCase();
	if (
		(site && site !== 'same-origin' && site !== 'none') ||
		(info.origin && info.origin !== info.serverOrigin)
	) {
		return refuse(
			403,
			'forbidden',
			'Sync requests must come from Fellside itself, not from another website.'
		);
	}
	if (!server.open) {
		return refuse(
			403,
			'forbidden',
			`Syncing (${endpoint}) needs staff sign-in, which this server does not offer yet.`
		);
	}
	return undefined;
}

function parseBody(endpoint: SyncEndpoint, body: unknown): { value: unknown } | SyncAnswer {
	const limit = BODY_LIMITS[endpoint];
	const tooLarge = () =>
		refuse(
			413,
			'payload-too-large',
			`This request is larger than the server accepts (${Math.round(limit / 1024)} KB). Send fewer changes at a time.`
		);
	let text: string;
	if (typeof body === 'string') {
		if (Buffer.byteLength(body) > limit) return tooLarge();
		text = body;
	} else if (body instanceof Uint8Array) {
		if (body.byteLength > limit) return tooLarge();
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			return refuse(400, 'bad-request', 'The request body is not valid UTF-8 text.');
		}
	} else {
		// Already parsed by an in-process caller: measured as the JSON it stands for.
		let json: string | undefined;
		try {
			json = JSON.stringify(body);
		} catch {
			json = undefined;
		}
		if (json === undefined) return refuse(400, 'bad-request', 'The request body cannot be written as JSON.');
		if (Buffer.byteLength(json) > limit) return tooLarge();
		text = json;
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const why = error instanceof Error ? error.message : 'unreadable';
		return refuse(400, 'bad-request', `The request body is not valid JSON (${why}).`);
	}
	if (depthOf(value) > MAX_DEPTH) {
		return refuse(400, 'bad-request', `The request is nested more than ${MAX_DEPTH} levels deep.`);
	}
	return { value };
}

/** How deeply arrays and objects nest, without recursion (a hostile body could be very deep). */
function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop() as [unknown, number];
		if (typeof item !== 'object' || item === null) continue;
		deepest = Math.max(deepest, depth + 1);
		if (deepest > MAX_DEPTH) return deepest;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return deepest;
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

async function serve(endpoint: SyncEndpoint, value: unknown, server: SyncServer): Promise<unknown> {
	const context = server.now ? { now: server.now } : {};
	switch (endpoint) {
		case 'push':
			return push(server.database, validate(SCHEMAS.push, value), context);
		case 'pull':
			return pull(server.database, validate(SCHEMAS.pull, value), context);
		case 'fetch':
			return fetch(server.database, validate(SCHEMAS.fetch, value));
	}
}

/** The body against its schema; a refusal names the fields that are wrong. */
function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const problems = result.error.issues.slice(0, 3).map((issue) => {
		const path = issue.path.map(String).join('.');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
	const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
	throw new SyncRefusal(400, 'bad-request', `The request is not valid. ${problems.join('; ')}${more}.`);
}
