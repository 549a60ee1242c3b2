import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '$lib/demo/defaults';
import type { PullChange } from '$lib/domain/sync/protocol';
import type { ApiContext } from '../api/context';
import { contextFor, signedIn } from '../api/testing';
import { getRuntime, startRuntime, stopRuntime } from '../runtime';
import { BODY_LIMITS } from './http';
import { syncRoute } from './route';

const ORIGIN = 'http://localhost:3000';
const url = (endpoint: string) => new URL(`${ORIGIN}/api/v1/sync/${endpoint}`);
const pull = { protocol: 1, schemaVersion: 1, clientId: randomUUID(), cursor: null };

/** A request whose body arrives in pieces, as a slow connection delivers it. */
function streamed(chunks: Uint8Array[], headers: Record<string, string>) {
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.shift();
			if (next) controller.enqueue(next);
			else controller.close();
		}
	});
	return new Request(url('pull'), { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('the sync routes over a running demo server', () => {
	let dir: string;
	let context: ApiContext;
	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-route-'));
		vi.spyOn(console, 'log').mockImplementation(() => undefined);
		await startRuntime({
			DATABASE_URL: path.join(dir, 'fellside.db'),
			FELLSIDE_SEED: 'demo',
			FELLSIDE_SEED_SIZE: '25'
		});
		const { database } = getRuntime();
		context = contextFor(database, await signedIn(database, 'coach.kendal', DEMO_PASSWORD));
	});
	afterAll(async () => {
		await stopRuntime();
		vi.restoreAllMocks();
		rmSync(dir, { recursive: true, force: true });
	});

	it('answers a pull with the seeded records the coach may see, as JSON', async () => {
		const request = new Request(url('pull'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
			body: JSON.stringify(pull)
		});
		const response = await syncRoute('pull', request, context);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		const body = (await response.json()) as { changes: PullChange[]; more: boolean };
		const types = body.changes.map((change) => (change.kind === 'record' ? change.record.type : change.kind));
		const assets = await getRuntime()
			.database.db.selectFrom('record')
			.select('id')
			.where('type', '=', 'asset')
			.execute();
		// Every asset, and only referrals besides: no visits or flood records for a coach.
		expect(types.filter((type) => type === 'asset')).toHaveLength(assets.length);
		expect(new Set(types.filter((type) => type !== 'asset'))).toEqual(new Set(['referral']));
		expect(types.length).toBeLessThan(25);
	});

	it('reads a body that arrives in pieces', async () => {
		const text = new TextEncoder().encode(JSON.stringify(pull));
		const pieces = [text.slice(0, 7), text.slice(7, 30), text.slice(30)];
		const response = await syncRoute(
			'pull',
			streamed(pieces, { 'content-type': 'application/json' }),
			context
		);
		expect(response.status).toBe(200);
	});

	it('stops reading a body past the limit and answers 413', async () => {
		const piece = new Uint8Array(8 * 1024).fill(0x20);
		const pieces = Array.from({ length: 1000 }, () => piece);
		const response = await syncRoute(
			'pull',
			streamed(pieces, { 'content-type': 'application/json' }),
			context
		);
		expect(response.status).toBe(413);
		// It read one piece past the 16 KB limit, not all 8 MB.
		expect(pieces.length).toBeGreaterThan(1000 - BODY_LIMITS.pull / piece.length - 2);
	});

	it('answers 413 in the sync error shape when the server stops the body at its own cap', async () => {
		const tooLarge = Object.assign(new Error('Content-length exceeds limit'), { status: 413 });
		const body = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(tooLarge) });
		const request = new Request(url('push'), {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json' },
			duplex: 'half'
		} as RequestInit);
		const response = await syncRoute('push', request, context);
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ error: { code: 'payload-too-large' } });
	});

	it('refuses to sync for nobody signed in', async () => {
		const request = new Request(url('pull'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(pull)
		});
		const response = await syncRoute('pull', request, { ...context, session: null });
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
	});

	it('refuses a JSON call from another website', async () => {
		const request = new Request(url('push'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: '{}'
		});
		const response = await syncRoute('push', request, context);
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
	});
});
