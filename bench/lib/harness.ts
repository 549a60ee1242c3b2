import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

/** One figure in `bench/results/<name>.json`. Keys and their order match the file exactly. */
export interface Metric {
	name: string;
	unit: string;
	value: number;
	better: 'lower' | 'higher';
	/** Same quantity for a reference measured in the same run (machines are shared and noisy). */
	baseline?: number;
	/** value / baseline; writeResults fills it in whenever baseline is set. */
	ratio?: number;
	target?: number;
}

export interface Results {
	name: string;
	date: string;
	node: string;
	cpus: number;
	metrics: Metric[];
}

export interface MeasureOptions {
	/** Untimed runs first, to warm caches and JIT (default 1). */
	warmup?: number;
	/** Timed runs (default 7); the env var BENCH_RUNS overrides it. */
	runs?: number;
}

export interface Measurement {
	samples: number[];
	median: number;
}

/**
 * A function to time. If it returns a number, that number is the sample (so it can leave its own
 * setup and teardown out); otherwise the sample is its wall time in ms from performance.now().
 */
export type Sampler = () => Promise<number | void> | number | void;

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export function median(values: readonly number[]): number {
	if (values.length === 0) throw new Error('median() of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const at = (i: number): number => sorted[i] ?? NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** The value at percentile `p` (0-100) by the nearest-rank method: one of the values, never between. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) throw new Error('percentile() of no values');
	if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be 0-100, got ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1] ?? NaN;
}

/** Number of timed runs: BENCH_RUNS if set, else `fallback`. */
export function runCount(fallback = 7): number {
	const raw = process.env.BENCH_RUNS;
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) < 1) {
		throw new Error(`BENCH_RUNS must be a positive integer, got '${raw}'`);
	}
	return Number(raw);
}

async function sample(fn: Sampler): Promise<number> {
	const start = performance.now();
	const result = await fn();
	const elapsed = performance.now() - start;
	if (typeof result === 'number') {
		if (!Number.isFinite(result)) throw new Error(`sampler returned ${result}`);
		return result;
	}
	return elapsed;
}

/** Warm-up, then `runs` timed calls of fn one after another. */
export async function measure(fn: Sampler, options: MeasureOptions = {}): Promise<Measurement> {
	const { only } = await measureInterleaved({ only: fn }, options);
	return only;
}

/**
 * Like measure() for several functions, taking turns within each run (a, b, a, b, ...), so slow
 * drift in machine load hits subject and baseline alike and their ratio stays fair.
 */
export async function measureInterleaved<K extends string>(
	fns: Record<K, Sampler>,
	options: MeasureOptions = {}
): Promise<Record<K, Measurement>> {
	const keys = Object.keys(fns) as K[];
	const warmup = options.warmup ?? 1;
	const runs = runCount(options.runs ?? 7);
	for (let i = 0; i < warmup; i++) {
		for (const key of keys) await sample(fns[key]);
	}
	const samples = new Map<K, number[]>(keys.map((key) => [key, []]));
	for (let i = 0; i < runs; i++) {
		for (const key of keys) samples.get(key)?.push(await sample(fns[key]));
	}
	const out = {} as Record<K, Measurement>;
	for (const key of keys) {
		const list = samples.get(key) ?? [];
		out[key] = { samples: list, median: median(list) };
	}
	return out;
}

// Six significant digits is far finer than the noise, and keeps the JSON readable.
function tidy(x: number): number {
	return Number.isInteger(x) ? x : Number(x.toPrecision(6));
}

function normalise(m: Metric): Metric {
	if (!m.name || !m.unit) throw new Error('metric needs a name and a unit');
	for (const [key, x] of [
		['value', m.value],
		['baseline', m.baseline],
		['target', m.target]
	] as const) {
		if (x !== undefined && !Number.isFinite(x)) throw new Error(`metric '${m.name}': ${key} is ${x}`);
	}
	if (m.better !== 'lower' && m.better !== 'higher') throw new Error(`metric '${m.name}': bad 'better'`);
	const out: Metric = { name: m.name, unit: m.unit, value: tidy(m.value), better: m.better };
	if (m.baseline !== undefined) {
		out.baseline = tidy(m.baseline);
		if (m.baseline !== 0) out.ratio = Number((m.value / m.baseline).toPrecision(4));
	}
	if (m.target !== undefined) out.target = tidy(m.target);
	return out;
}

/** Whether the metric meets its target; undefined when it has none. */
export function targetMet(m: Metric): boolean | undefined {
	if (m.target === undefined) return undefined;
	return m.better === 'lower' ? m.value <= m.target : m.value >= m.target;
}

function num(x: number | undefined): string {
	if (x === undefined) return '-';
	const abs = Math.abs(x);
	return x.toFixed(abs >= 100 || Number.isInteger(x) ? 0 : abs >= 10 ? 1 : 2);
}

/** The metrics as an aligned plain-text table. */
export function formatTable(metrics: readonly Metric[]): string {
	const head = ['metric', 'value', 'unit', 'better', 'baseline', 'ratio', 'target', 'met'];
	const numeric = new Set([1, 4, 5, 6]); // right-aligned columns
	const rows = metrics.map((m) => {
		const met = targetMet(m);
		return [
			m.name,
			num(m.value),
			m.unit,
			m.better,
			num(m.baseline),
			m.ratio === undefined ? '-' : `${m.ratio.toFixed(2)}x`,
			num(m.target),
			met === undefined ? '-' : met ? 'yes' : 'NO'
		];
	});
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
	const line = (cells: string[]): string =>
		cells
			.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	const rule = widths.map((w) => '-'.repeat(w)).join('  ');
	return [line(head), rule, ...rows.map(line)].join('\n');
}

/**
 * Write `bench/results/<name>.json` and print the same figures as a table. Returns what was written.
 * Never judges targets: a missed target shows in the table, it is not an error.
 */
export async function writeResults(name: string, metrics: readonly Metric[]): Promise<Results> {
	if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`bad benchmark name '${name}'`);
	const names = new Set<string>();
	for (const m of metrics) {
		if (names.has(m.name)) throw new Error(`duplicate metric '${m.name}'`);
		names.add(m.name);
	}
	const results: Results = {
		name,
		date: new Date().toISOString(),
		node: process.version,
		cpus: os.cpus().length,
		metrics: metrics.map(normalise)
	};
	await mkdir(RESULTS_DIR, { recursive: true });
	const file = `${RESULTS_DIR}${name}.json`;
	// Write then rename, so a reader never sees half a file.
	await writeFile(`${file}.tmp`, `${JSON.stringify(results, null, '\t')}\n`);
	await rename(`${file}.tmp`, file);

	console.log(`\n${name}  ${results.date}  node ${results.node}  ${results.cpus} cpus`);
	console.log(formatTable(results.metrics));
	console.log(`\nwrote ${relative(process.cwd(), file) || file}`);
	return results;
}
