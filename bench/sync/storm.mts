/**
 * The reconnect storm of bench:sync, in its own Node process: `devices` simulated devices, each an
 * HTTP client speaking the sync protocol, push `mutations` changes each, all fired in the same tick
 * (`--mode storm`) or one device after another (`--mode sequential`, the baseline). Every answer is
 * checked (each mutation applied, once, ids 1..n), then the server's database is read to prove it
 * holds each change exactly once. Prints a StormResult as JSON on its last line of output.
 *
 *   node --import tsx bench/sync/storm.mts --url http://127.0.0.1:1234 --database <DATABASE_URL> \
 *     --devices 200 --mutations 50 --mode storm
 *
 * (Run with TSX_TSCONFIG_PATH=bench/sync/tsconfig.json, for the `$lib` alias.)
 */
import { DEMO_PASSWORD } from '$lib/demo/defaults';
import { parseArgs } from 'node:util';
import { generateDemo } from '$lib/demo/generate';
import { pushResponseSchema, type PushResponse } from '$lib/domain/sync/protocol';
import type { StormResult } from './api.js';
import { poolOf, stormDevice, type StormDevice } from './storm-device.mjs';
import { countOnServer } from './storm-server.mjs';

const { values } = parseArgs({
	options: {
		url: { type: 'string' },
		database: { type: 'string' },
		devices: { type: 'string', default: '200' },
		mutations: { type: 'string', default: '50' },
		mode: { type: 'string', default: 'storm' }
	}
});
const { url, database, mode } = values;
const devices = Number(values.devices);
const mutations = Number(values.mutations);
if (!url || !database) throw new Error('--url and --database are required');
if (mode !== 'storm' && mode !== 'sequential')
	throw new Error(`--mode must be storm or sequential, not ${mode}`);
if (!Number.isInteger(devices) || devices < 1) throw new Error(`--devices must be a positive whole number`);

/**
 * A failed push is retried as the app's sync manager retries: exponential back-off from 1 s with
 * full jitter (the wait is random up to the step), here at most 8 tries and 30 s a wait.
 */
const ATTEMPTS = 8;
const backOffMs = (attempt: number) => Math.random() * Math.min(30_000, 1000 * 2 ** (attempt - 1));
const pushUrl = new URL('/api/v1/sync/push', url).href;
const origin = new URL(url ?? '').origin;

/** Sync needs a signed-in member of staff: the demo administrator, one session for every device. */
async function signIn(): Promise<string> {
	const response = await fetch(new URL('/api/v1/auth/sign-in', url).href, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!response.ok || !cookie)
		throw new Error(`could not sign in to the storm's server: HTTP ${response.status}`);
	return cookie;
}
const cookie = await signIn();

interface Pushed {
	ms: number;
	answer: PushResponse;
	retries: string[];
}

async function attempt(device: StormDevice): Promise<PushResponse> {
	const response = await fetch(pushUrl, {
		method: 'POST',
		// Same-origin, as the app in a browser sends it.
		headers: { 'content-type': 'application/json', origin, cookie },
		body: JSON.stringify(device.push)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
	return pushResponseSchema.parse(JSON.parse(text));
}

/** One device's push, retried after a failure, timed from the first try to the good answer. */
async function push(device: StormDevice): Promise<Pushed> {
	const retries: string[] = [];
	const start = performance.now();
	for (let i = 1; ; i++) {
		try {
			const answer = await attempt(device);
			return { ms: performance.now() - start, answer, retries };
		} catch (err) {
			const why = `${device.clientId} try ${i}: ${err instanceof Error ? err.message : String(err)}`;
			if (i >= ATTEMPTS) throw new Error(`gave up: ${why}`, { cause: err });
			retries.push(why);
			await new Promise((resolve) => setTimeout(resolve, backOffMs(i)));
		}
	}
}

/** Every mutation answered once, in order, applied. */
function checkAnswer(device: StormDevice, { answer }: Pushed): void {
	const ids = answer.results.map((r) => r.id).join(',');
	const expected = device.push.mutations.map((m) => m.id).join(',');
	if (ids !== expected) throw new Error(`${device.clientId}: answered ids ${ids}, sent ${expected}`);
	const refused = answer.results.filter((r) => r.status !== 'applied');
	if (refused.length > 0) {
		throw new Error(`${device.clientId}: ${refused.length} not applied, e.g. ${JSON.stringify(refused[0])}`);
	}
	if (answer.lastMutationId !== mutations) {
		throw new Error(`${device.clientId}: lastMutationId ${answer.lastMutationId}, expected ${mutations}`);
	}
}

// Untimed: 2,000 demo records to draw from (all seven types).
const { records } = generateDemo({ size: 2000, seed: 'reconnect-storm' });
const pool = poolOf(records);
const fleet = Array.from({ length: devices }, (_, i) => stormDevice(records, pool, i, mutations));

const started = performance.now();
let pushed: Pushed[];
if (mode === 'storm') {
	// All requests leave in the same tick: the moment the signal comes back for everyone.
	pushed = await Promise.all(fleet.map(push));
} else {
	pushed = [];
	for (const device of fleet) pushed.push(await push(device));
}
const totalMs = performance.now() - started;

for (const [i, device] of fleet.entries()) {
	const result = pushed[i];
	if (!result) throw new Error(`no answer for device ${i}`);
	checkAnswer(device, result);
}
const server = await countOnServer(database, fleet, mutations);

const result: StormResult = {
	devices,
	mutationsPerDevice: mutations,
	latenciesMs: pushed.map((p) => p.ms),
	totalMs,
	retries: pushed.flatMap((p) => p.retries),
	server
};
console.log(JSON.stringify(result));
