import { describe, expect, it } from 'vitest';
import type { PullRequest } from '$lib/domain/sync/protocol';
import { HttpSyncTransport } from './http-transport';
import {
	BadAnswer,
	ClientTooOld,
	MutationGap,
	Offline,
	RequestRejected,
	ServerUnreachable
} from './transport';

const request: PullRequest = {
	protocol: 1,
	schemaVersion: 1,
	clientId: '00000000-0000-4000-8000-000000000001',
	cursor: null
};
const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string, message: string, extra = {}) =>
	json({ error: { status, code, message, ...extra } }, status);

function transport(answer: () => Response | Promise<Response>, online = () => true) {
	const seen: { url: string; init: RequestInit }[] = [];
	const fetcher = (async (url: string, init: RequestInit) => {
		seen.push({ url, init });
		return answer();
	}) as typeof fetch;
	return { sync: new HttpSyncTransport({ baseUrl: 'https://fellside.test', fetcher, online }), seen };
}

describe('HttpSyncTransport', () => {
	it('posts JSON to the endpoint and returns the checked answer', async () => {
		const { sync, seen } = transport(() => json({ cursor: '7', more: false, changes: [] }));
		expect(await sync.pull(request)).toEqual({ cursor: '7', more: false, changes: [] });
		expect(seen[0]?.url).toBe('https://fellside.test/api/v1/sync/pull');
		expect(seen[0]?.init.method).toBe('POST');
		expect(new Headers(seen[0]?.init.headers).get('content-type')).toBe('application/json');
		expect(JSON.parse(String(seen[0]?.init.body))).toEqual(request);
	});

	it('says the device is offline without trying when the browser has no network', async () => {
		const { sync, seen } = transport(
			() => json({}),
			() => false
		);
		await expect(sync.pull(request)).rejects.toBeInstanceOf(Offline);
		expect(seen).toEqual([]);
	});

	it('tells a failed connection from a lost network', async () => {
		let online = true;
		const { sync } = transport(
			() => Promise.reject(new TypeError('Failed to fetch')),
			() => online
		);
		await expect(sync.pull(request)).rejects.toThrow(
			'Could not reach the Fellside server: the connection failed. Changes are kept on this device'
		);
		const dropping = transport(
			() => {
				online = false;
				return Promise.reject(new TypeError('Failed to fetch'));
			},
			() => online
		);
		online = true;
		await expect(dropping.sync.pull(request)).rejects.toBeInstanceOf(Offline);
	});

	it('turns each refusal into its own error with the server’s words', async () => {
		const too = transport(() => error(426, 'client-too-old', 'Update Fellside to keep syncing.'));
		await expect(too.sync.pull(request)).rejects.toEqual(
			new ClientTooOld('Update Fellside to keep syncing.')
		);

		const gap = transport(() => error(409, 'mutation-gap', 'Expected change 4.', { expectedMutationId: 4 }));
		const failure = await gap.sync.pull(request).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(MutationGap);
		expect((failure as MutationGap).expectedMutationId).toBe(4);

		const bad = transport(() => error(400, 'bad-request', 'cursor must be a cursor the server gave'));
		const rejected = await bad.sync.pull(request).catch((e: unknown) => e);
		expect(rejected).toBeInstanceOf(RequestRejected);
		expect((rejected as RequestRejected).message).toBe('cursor must be a cursor the server gave');

		const busy = transport(() => error(503, 'unavailable', 'The database is not answering.'));
		await expect(busy.sync.pull(request)).rejects.toThrow('The database is not answering.');
	});

	it('counts a gateway error page as the server being unreachable', async () => {
		const { sync } = transport(
			() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })
		);
		await expect(sync.pull(request)).rejects.toEqual(
			ServerUnreachable.because('it answered 502 Bad Gateway')
		);
	});

	it('refuses an answer that is not the protocol’s, naming what is wrong', async () => {
		const portal = transport(() => new Response('<html>Sign in to Wi-Fi</html>', { status: 200 }));
		await expect(portal.sync.pull(request)).rejects.toThrow(/not JSON: perhaps a Wi-Fi sign-in page/);
		const shape = transport(() => json({ cursor: 7, more: false, changes: [] }));
		const failure = await shape.sync.pull(request).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(BadAnswer);
		expect((failure as Error).message).toMatch(/cannot read \(.+\)/);
	});
});
