/**
 * Chromium driven over its DevTools pipe with nothing listening but what a benchmark asks for.
 *
 * Playwright turns on the Network domain in every tab it controls, and Chromium then copies each
 * request body, base64-encoded, to Playwright: 100 pushes of 256 KB cost about 0.55 s more wall
 * time and 1 s more CPU (renderer, browser process and Node) than the same pushes with nothing
 * listening (measured with bench/lib/cdp.ts itself, 2026-11-24). A person's browser has no
 * debugger attached, so bench:sync drives its tabs this way; `send` can still turn on any domain
 * (network emulation, the profiler) where a figure needs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/browser.js';
import type { PageOptions } from './browser.js';
import { onStop } from './server.js';

/**
 * What Playwright also passes for a benchmark's sake: no throttling of timers or renderers in tabs
 * that are not in front (every side has a tab), no hang monitor, no IPC flood protection.
 */
const BENCH_ARGS = [
	'--headless',
	'--disable-background-timer-throttling',
	'--disable-backgrounding-occluded-windows',
	'--disable-renderer-backgrounding',
	'--disable-ipc-flooding-protection',
	'--disable-hang-monitor',
	'--disable-back-forward-cache',
	'--disable-extensions',
	'--disable-default-apps',
	'--password-store=basic',
	'--mute-audio'
];

/** How long a DevTools command may take: a benchmark call in a tab (a 10,000-record push) included. */
const COMMAND_TIMEOUT_MS = 10 * 60_000;

type Params = Record<string, unknown>;
type Message = { id?: number; method?: string; params?: Params; sessionId?: string } & {
	result?: unknown;
	error?: { message: string; data?: string };
};
type Listener = (params: Params) => void;

/** One DevTools connection over the pipe (fds 3 and 4): commands, answers, events per session. */
class Connection {
	readonly #out: Writable;
	#nextId = 0;
	readonly #pending = new Map<
		number,
		{ resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }
	>();
	readonly #listeners = new Map<string, Set<Listener>>();
	#closed: Error | undefined;
	#buffer = '';

	constructor(out: Writable, input: Readable) {
		this.#out = out;
		input.setEncoding('utf8');
		input.on('data', (chunk: string) => this.#receive(chunk));
		input.on('close', () => this.fail(new Error('Chromium closed its DevTools pipe')));
		// Writes to a pipe Chromium has closed; the close above says so.
		out.on('error', () => undefined);
	}

	send(method: string, params: Params = {}, sessionId?: string): Promise<unknown> {
		if (this.#closed) return Promise.reject(this.#closed);
		const id = ++this.#nextId;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#pending.delete(id);
				reject(new Error(`DevTools ${method} took longer than ${COMMAND_TIMEOUT_MS / 1000} s`));
			}, COMMAND_TIMEOUT_MS);
			this.#pending.set(id, {
				method,
				resolve: (value) => {
					clearTimeout(timer);
					resolve(value);
				},
				reject: (error) => {
					clearTimeout(timer);
					reject(error);
				}
			});
			this.#out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
		});
	}

	/** Call `listener` on every `method` event of the session; returns the way to stop. */
	on(sessionId: string, method: string, listener: Listener): () => void {
		const key = `${sessionId} ${method}`;
		const set = this.#listeners.get(key) ?? new Set<Listener>();
		this.#listeners.set(key, set);
		set.add(listener);
		return () => set.delete(listener);
	}

	fail(error: Error): void {
		this.#closed ??= error;
		for (const { reject } of this.#pending.values()) reject(error);
		this.#pending.clear();
	}

	#receive(chunk: string): void {
		this.#buffer += chunk;
		for (let end = this.#buffer.indexOf('\0'); end >= 0; end = this.#buffer.indexOf('\0')) {
			const message = JSON.parse(this.#buffer.slice(0, end)) as Message;
			this.#buffer = this.#buffer.slice(end + 1);
			this.#dispatch(message);
		}
	}

	#dispatch(message: Message): void {
		if (message.id !== undefined) {
			const pending = this.#pending.get(message.id);
			this.#pending.delete(message.id);
			if (!pending) return;
			if (message.error) {
				const detail = message.error.data ? ` (${message.error.data})` : '';
				pending.reject(new Error(`DevTools ${pending.method}: ${message.error.message}${detail}`));
			} else pending.resolve(message.result);
			return;
		}
		const listeners = this.#listeners.get(`${message.sessionId ?? ''} ${message.method ?? ''}`);
		for (const listener of listeners ?? []) listener(message.params ?? {});
	}
}

interface RemoteObject {
	type: string;
	value?: unknown;
	description?: string;
}
interface ExceptionDetails {
	text: string;
	exception?: RemoteObject;
}

const describeException = (details: ExceptionDetails) =>
	details.exception?.description ?? String(details.exception?.value ?? details.text);

/** One tab. */
export class CdpTab {
	readonly #connection: Connection;
	readonly #sessionId: string;
	readonly #targetId: string;

	constructor(connection: Connection, sessionId: string, targetId: string) {
		this.#connection = connection;
		this.#sessionId = sessionId;
		this.#targetId = targetId;
	}

	get targetId(): string {
		return this.#targetId;
	}

	/** A DevTools command in this tab. */
	send<T = unknown>(method: string, params: Params = {}): Promise<T> {
		return this.#connection.send(method, params, this.#sessionId) as Promise<T>;
	}

	on(method: string, listener: Listener): () => void {
		return this.#connection.on(this.#sessionId, method, listener);
	}

	/**
	 * `fn(arg)` in the tab, awaited, its answer copied back as JSON. `fn` is sent as source text, so
	 * it must not use anything from the scope it was written in.
	 */
	async evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> {
		const { result, exceptionDetails } = await this.send<{
			result: RemoteObject;
			exceptionDetails?: ExceptionDetails;
		}>('Runtime.evaluate', {
			expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
			awaitPromise: true,
			returnByValue: true
		});
		if (exceptionDetails) throw new Error(`in the page: ${describeException(exceptionDetails)}`);
		return result.value as Awaited<R>;
	}

	async bringToFront(): Promise<void> {
		await this.send('Page.bringToFront');
	}
}

export interface CdpChromium {
	/**
	 * A new tab on `origin` running `html` (served by intercepting that one request, so the server
	 * need not know of it), ready once the bundle has set `global`; its errors and warnings echoed.
	 */
	openPageOn(origin: string, html: string, global: string, options?: PageOptions): Promise<CdpTab>;
	/** Close Chromium, then remove its profile. Safe to call twice. */
	close(): Promise<void>;
}

/**
 * Debian's Chromium (`CHROMIUM_PATH`), headless, with a persistent profile in a temp dir (IndexedDB
 * on disk, as a person's is; an off-the-record profile keeps it in memory). Closed and removed on
 * Ctrl-C too.
 */
export async function launchCdpChromium(): Promise<CdpChromium> {
	const profile = await mkdtemp(join(os.tmpdir(), 'fellside-bench-chromium-'));
	const removeProfileNow = (): void => rmSync(profile, { recursive: true, force: true });
	process.on('exit', removeProfileNow);
	const child = spawn(
		chromiumPath,
		[...chromiumArgs, ...BENCH_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
		{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] }
	);
	let stderr = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
	const connection = new Connection(child.stdio[3] as Writable, child.stdio[4] as Readable);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.once('exit', (code, signal) =>
		connection.fail(new Error(`Chromium exited (${signal ?? code}); it said: ${stderr.trim() || 'nothing'}`))
	);
	let closing: Promise<void> | undefined;
	const close = (): Promise<void> =>
		(closing ??= (async () => {
			forget();
			await stop(child, connection, exited);
			await rm(profile, { recursive: true, force: true });
			process.off('exit', removeProfileNow);
		})());
	const forget = onStop(close);
	try {
		await connection.send('Browser.getVersion');
	} catch (err) {
		await close();
		throw err;
	}
	return {
		openPageOn: (origin, html, global, options = {}) => openTab(connection, origin, html, global, options),
		close
	};
}

/** Ask Chromium to close (it flushes the profile), then kill it if it has not within 5 s. */
async function stop(child: ChildProcess, connection: Connection, exited: Promise<void>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	connection.send('Browser.close').catch(() => undefined);
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

async function openTab(
	connection: Connection,
	origin: string,
	html: string,
	global: string,
	options: PageOptions
): Promise<CdpTab> {
	const { targetId } = (await connection.send('Target.createTarget', { url: 'about:blank' })) as {
		targetId: string;
	};
	const { sessionId } = (await connection.send('Target.attachToTarget', { targetId, flatten: true })) as {
		sessionId: string;
	};
	const tab = new CdpTab(connection, sessionId, targetId);
	echoConsole(tab, options);
	await Promise.all([tab.send('Runtime.enable'), tab.send('Page.enable')]);
	const url = new URL('/__bench__', origin).href;
	await tab.send('Fetch.enable', { patterns: [{ urlPattern: url, requestStage: 'Request' }] });
	const served = new Promise<void>((resolve, reject) => {
		const stop = tab.on('Fetch.requestPaused', ({ requestId }) => {
			stop();
			tab
				.send('Fetch.fulfillRequest', {
					requestId,
					responseCode: 200,
					responseHeaders: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
					body: Buffer.from(html).toString('base64')
				})
				.then(() => resolve(), reject);
		});
	});
	const loaded = new Promise<void>((resolve) => {
		const stop = tab.on('Page.loadEventFired', () => {
			stop();
			resolve();
		});
	});
	const { errorText } = await tab.send<{ errorText?: string }>('Page.navigate', { url });
	if (errorText) throw new Error(`could not open ${url}: ${errorText}`);
	await served;
	await loaded;
	// Nothing else is intercepted: every later request goes to the server untouched.
	await tab.send('Fetch.disable');
	const ready = await tab.evaluate((name) => name in globalThis, global);
	if (!ready) throw new Error(`the page at ${url} loaded but did not set ${global}`);
	return tab;
}

/** Log the tab's uncaught errors, console errors and warnings on the runner's stderr. */
function echoConsole(tab: CdpTab, options: PageOptions): void {
	tab.on('Runtime.exceptionThrown', (params) => {
		const details = params.exceptionDetails as ExceptionDetails;
		console.error(`page error: ${describeException(details)}`);
	});
	tab.on('Runtime.consoleAPICalled', (params) => {
		const type = params.type as string;
		if (type !== 'error' && type !== 'warning') return;
		const text = (params.args as RemoteObject[])
			.map((arg) => (arg.value !== undefined ? String(arg.value) : (arg.description ?? arg.type)))
			.join(' ');
		if (options.expectedConsole?.test(text)) return;
		console.error(`page console: ${text}`);
	});
}
