/**
 * Running benchmark code in Chromium: bundle a browser entry with esbuild, start Debian's Chromium
 * through Playwright with a persistent profile on disk, open a page on an origin, and call the
 * functions the bundle put on a global. Shared by bench:store and bench:sync.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../tests/e2e/browser.js';
import { onStop, ROOT } from './server.js';

export { chromiumPath };

/** `entry` (a path from the repo root) and everything it imports, as one classic script for a page. */
export async function bundle(entry: string): Promise<string> {
	const result = await build({
		absWorkingDir: ROOT,
		entryPoints: [entry],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		write: false,
		sourcemap: 'inline',
		alias: { $lib: join(ROOT, 'src', 'lib') },
		// Some browser packages (PouchDB's) still look for Node's `global`.
		define: { global: 'globalThis' },
		// Used instead of any tsconfig.json (the app's extends a generated file that may not exist yet).
		tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
		logLevel: 'warning'
	});
	const [file] = result.outputFiles;
	if (!file) throw new Error(`esbuild wrote no bundle for ${entry}`);
	return file.text;
}

/** A one-page HTML document that runs `script`. */
export function pageHtml(title: string, script: string): string {
	// A script's text cannot hold `</script`; esbuild escapes it in string literals, this is a guard.
	if (/<\/script/i.test(script)) throw new Error('the bundle contains </script and cannot be inlined');
	return `<!doctype html><meta charset="utf-8"><title>${title}</title><script>${script}</script>\n`;
}

export interface StaticServer {
	url: string;
	close: () => Promise<void>;
}

/**
 * `html` at / on a free port on 127.0.0.1 (IndexedDB needs a real origin). Cross-origin isolated, so
 * performance.now() in the page is precise to 5 us rather than 100 us.
 */
export async function servePage(html: string): Promise<StaticServer> {
	const headers = {
		'cache-control': 'no-store',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-embedder-policy': 'require-corp'
	};
	const server = http.createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (path === '/')
			res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
		else if (path === '/favicon.ico') res.writeHead(204, headers).end();
		else res.writeHead(404, headers).end();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

export interface Chromium {
	context: BrowserContext;
	/** Close Chromium, then remove its profile. Safe to call twice. */
	close: () => Promise<void>;
}

/**
 * Debian's Chromium (`CHROMIUM_PATH`) with a persistent profile in a temp dir. Persistent, because a
 * `browser.newContext()` context is off the record and keeps IndexedDB in memory, which would make
 * every figure (strict-durability writes above all) meaningless. Closed and removed on Ctrl-C too.
 */
export async function launchChromium(): Promise<Chromium> {
	const profile = await mkdtemp(join(os.tmpdir(), 'fellside-bench-chromium-'));
	// Last resort if the process exits some other way (Playwright kills Chromium on exit itself).
	const removeProfileNow = (): void => rmSync(profile, { recursive: true, force: true });
	process.on('exit', removeProfileNow);
	let context: BrowserContext | undefined;
	let closing: Promise<void> | undefined;
	// Chromium first: it writes to the profile until it has exited.
	const close = (): Promise<void> =>
		(closing ??= (async () => {
			forget();
			await context?.close().catch((err: unknown) => console.error(`closing Chromium: ${String(err)}`));
			await rm(profile, { recursive: true, force: true });
			process.off('exit', removeProfileNow);
		})());
	const forget = onStop(close);
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: chromiumPath,
			args: chromiumArgs,
			headless: true,
			// bench/lib/server.ts's handlers close Chromium before removing its profile.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false
		});
	} catch (err) {
		await close();
		throw err;
	}
	return { context, close };
}

/** Console messages every page may print that say nothing is wrong. */
export interface PageOptions {
	/** e.g. PouchDB's look-ups of checkpoints that do not exist yet show as failed 404 loads. */
	expectedConsole?: RegExp;
}

/** Log the page's errors and warnings on the runner's stderr. */
function echoConsole(page: Page, options: PageOptions): void {
	page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
	page.on('console', (msg) => {
		if (msg.type() !== 'error' && msg.type() !== 'warning') return;
		if (options.expectedConsole?.test(msg.text())) return;
		console.error(`page console: ${msg.text()}`);
	});
}

/** The tab Chromium opened with the profile if still unused, else a new one, its console echoed. */
export async function blankTab(context: BrowserContext, options: PageOptions): Promise<Page> {
	const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
	echoConsole(page, options);
	return page;
}

/** Open `url` in a fresh tab and wait until the bundle has set `global`. */
export async function openPage(
	context: BrowserContext,
	url: string,
	global: string,
	options: PageOptions = {}
): Promise<Page> {
	const page = await blankTab(context, options);
	await loadBundle(page, url, global);
	return page;
}

async function loadBundle(page: Page, url: string, global: string): Promise<void> {
	await page.goto(url);
	await page.waitForFunction((name) => name in globalThis, global);
}

/**
 * A page on `origin`, which serves no such page, running `html`: Playwright answers the one request
 * for it, then stops intercepting, so every later request (the benchmark's own) goes to the real
 * server untouched. The page is same-origin with the server, as the app is.
 */
export async function openPageOn(
	context: BrowserContext,
	origin: string,
	html: string,
	global: string,
	options: PageOptions = {}
): Promise<Page> {
	const url = new URL('/__bench__', origin).href;
	const page = await blankTab(context, options);
	await page.route(url, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
	);
	try {
		await loadBundle(page, url, global);
	} finally {
		await page.unrouteAll({ behavior: 'wait' });
	}
	return page;
}

type Callable = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Call `globalThis[global][name](...args)` in the page and return its (JSON-serialisable) answer. */
export function callIn<
	A extends Record<keyof A, (...args: never[]) => Promise<unknown>>,
	K extends keyof A & string
>(page: Page, global: string, name: K, ...args: Parameters<A[K]>): Promise<Awaited<ReturnType<A[K]>>> {
	// Kept to a single arrow with no inner functions: it is serialised into the page as written.
	return page.evaluate(([g, n, a]) => (globalThis as unknown as Record<string, Callable>)[g]?.[n]?.(...a), [
		global,
		name,
		args
	] as [string, string, unknown[]]) as Promise<Awaited<ReturnType<A[K]>>>;
}
