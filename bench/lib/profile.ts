/**
 * A CPU profile of a page's main thread while it does some work (Chrome DevTools Protocol), summed
 * up by function: where JavaScript time went, and how much of the wall time the thread sat idle
 * (waiting for IndexedDB, which works off the main thread, or for the network). The raw profile can
 * be opened in Chromium's DevTools (Performance panel, "Load profile").
 */
import type { Page } from '@playwright/test';
import type { CdpTab } from './cdp.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './server.js';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

/** Chromium's `Profiler.Profile`, the parts used here. */
export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples?: number[];
	timeDeltas?: number[];
}

/** Run `work` with the page's CPU profiled (sampled every 200 us): a Playwright page, or a tab of bench/lib/cdp.ts. */
export async function cpuProfile<T>(
	page: Page | CdpTab,
	work: () => Promise<T>
): Promise<{ result: T; profile: CpuProfile }> {
	if (!('send' in page)) {
		const cdp = await page.context().newCDPSession(page);
		try {
			return await profiled((method, params) => cdp.send(method as 'Profiler.enable', params), work);
		} finally {
			await cdp.detach();
		}
	}
	return profiled((method, params) => page.send(method, params), work);
}

async function profiled<T>(
	send: (method: string, params?: Record<string, unknown>) => Promise<unknown>,
	work: () => Promise<T>
): Promise<{ result: T; profile: CpuProfile }> {
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 200 });
	await send('Profiler.start');
	const result = await work();
	const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
	await send('Profiler.disable');
	return { result, profile };
}

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

function frameName(frame: CallFrame): string {
	if (SPECIAL.has(frame.functionName)) return frame.functionName;
	return `${frame.functionName || '(anonymous)'} :${frame.lineNumber + 1}`;
}

/**
 * Milliseconds per function: `self` (on top of the stack) and `total` (anywhere on it, counted
 * once per sample), over the profile's samples.
 */
function timeByFunction(profile: CpuProfile): {
	self: Map<string, number>;
	total: Map<string, number>;
	wallMs: number;
} {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
	const samples = profile.samples ?? [];
	const deltas = profile.timeDeltas ?? [];
	for (const [i, id] of samples.entries()) {
		// Each sample stands for the time until the next one.
		const ms = (deltas[i + 1] ?? 0) / 1000;
		const node = byId.get(id);
		if (!node) continue;
		add(self, frameName(node.callFrame), ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const frame = byId.get(at)?.callFrame;
			if (!frame) break;
			const name = frameName(frame);
			if (!seen.has(name)) add(total, name, ms);
			seen.add(name);
		}
	}
	return { self, total, wallMs: (profile.endTime - profile.startTime) / 1000 };
}

/** A readable summary: wall time, idle, GC, then the top functions by total and by self time. */
export function summariseProfile(profile: CpuProfile, top = 15): string {
	const { self, total, wallMs } = timeByFunction(profile);
	const ms = (x: number | undefined) => `${(x ?? 0).toFixed(0)} ms`;
	const busy = wallMs - (self.get('(idle)') ?? 0);
	const lines = [
		`wall ${ms(wallMs)}: main thread idle ${ms(self.get('(idle)'))} (waiting for IndexedDB or the network), ` +
			`busy ${ms(busy)}, of which garbage collection ${ms(self.get('(garbage collector)'))} and ` +
			`browser internals ${ms(self.get('(program)'))}`
	];
	const ranked = (map: Map<string, number>) =>
		[...map.entries()]
			.filter(([name]) => !SPECIAL.has(name))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top);
	lines.push('top functions by total time (self and callees; names :line in the bundle):');
	for (const [name, t] of ranked(total)) lines.push(`  ${ms(t).padStart(9)}  ${name}`);
	lines.push('top functions by self time:');
	for (const [name, t] of ranked(self)) lines.push(`  ${ms(t).padStart(9)}  ${name}`);
	return lines.join('\n');
}

/** Write the raw profile to bench/results/<name>.cpuprofile; returns the path. */
export async function saveProfile(name: string, profile: CpuProfile): Promise<string> {
	const dir = join(ROOT, 'bench', 'results');
	await mkdir(dir, { recursive: true });
	const file = join(dir, `${name}.cpuprofile`);
	await writeFile(file, JSON.stringify(profile));
	return file;
}
