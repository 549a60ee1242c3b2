/**
 * The replication part of bench:sync, on the Node side: every side (PouchDB, Fellside on each
 * database) pulls and pushes the same records in turn, each replication checked, and Fellside's time
 * split into server, protocol and device work for the log.
 */
import type { CdpTab } from '../lib/cdp.js';
import { cpuDuring, describeCpu, type CpuRoot } from '../lib/cpu.js';
import { measureInterleaved, median, type Measurement, type Metric } from '../lib/harness.js';
import { cpuProfile, saveProfile, summariseProfile } from '../lib/profile.js';
import type { Phases, Replicated } from './api.js';

/** One way of syncing a browser with a server: PouchDB, or Fellside on one database. */
export interface Side {
	key: string;
	label: string;
	page: CdpTab;
	pull: () => Promise<Replicated>;
	/**
	 * A new device with the records saved on it under new ids (each push needs records new to the
	 * server), untimed; resolves to the number saved.
	 */
	preparePush: () => Promise<number>;
	/** The prepared device pushes them all. */
	push: () => Promise<Replicated>;
	/**
	 * Set-up before each pull or push, outside its time and its CPU figures (Fellside's sign-in,
	 * whose password hash would otherwise count as the server's work).
	 */
	before?: () => Promise<void>;
}

export type Direction = 'pull' | 'push';

export interface Replication {
	records: number;
	/** Times in ms (measured in the page), per direction and side key. */
	times: Record<Direction, Record<string, Measurement>>;
	/** Each timed run's phases, for the sides that report them. */
	phases: Record<Direction, Map<string, Phases[]>>;
	/** Each timed run's CPU time per group of processes (see `cpuDuring`), per side key. */
	cpu: Record<Direction, Map<string, [string, number][][]>>;
}

export interface ReplicateOptions {
	records: number;
	runs: number;
	/** Profile one more pull (before any timed push, so it downloads the same records) and push per side. */
	profile?: boolean;
	/** The servers, whose CPU time (with that of the browser's processes) each timed run reports. */
	cpuRoots?: readonly CpuRoot[];
}

/**
 * Pulls, then pushes, every side taking its turn within each run, so load changes on this shared
 * machine hit them alike. Before them one untimed push per side fills each server with
 * the records the pulls then download, and warms everything up.
 */
export async function replicate(
	sides: readonly Side[],
	{ records, runs, profile = false, cpuRoots = [] }: ReplicateOptions
): Promise<Replication> {
	const phases: Replication['phases'] = { pull: new Map(), push: new Map() };
	const cpu: Replication['cpu'] = { pull: new Map(), push: new Map() };
	const checked = async (side: Side, direction: Direction | 'first push') => {
		// Headless tabs are all "visible", but make sure the one working is the one in front.
		await side.page.bringToFront();
		// Saving the records to push is set-up: neither timed nor counted.
		if (direction !== 'pull') await side.preparePush();
		await side.before?.();
		const { result, cpu: used } = await cpuDuring(cpuRoots, direction === 'pull' ? side.pull : side.push);
		if (result.records !== records) {
			throw new Error(`${side.label} ${direction}: ${result.records} records, expected ${records}`);
		}
		if (direction !== 'first push') {
			if (result.phases)
				phases[direction].set(side.key, [...(phases[direction].get(side.key) ?? []), result.phases]);
			cpu[direction].set(side.key, [...(cpu[direction].get(side.key) ?? []), used]);
		}
		return result.ms;
	};

	console.log(`bench: untimed first push of ${records} records on each side (what the pulls download)`);
	for (const side of sides) await checked(side, 'first push');

	console.log(`bench: ${runs} runs of each, after 1 warm-up pull; sides interleaved`);
	const pull = await measureInterleaved(
		Object.fromEntries(sides.map((s) => [s.key, () => checked(s, 'pull')])),
		{ warmup: 1, runs }
	);
	if (profile) await profileSides(sides, 'pull');
	const push = await measureInterleaved(
		Object.fromEntries(sides.map((s) => [s.key, () => checked(s, 'push')])),
		{ warmup: 0, runs }
	);
	if (profile) await profileSides(sides, 'push');
	// The warm-up pull's phases are not part of the figures.
	for (const list of [...phases.pull.values(), ...cpu.pull.values()]) list.splice(0, list.length - runs);
	const replication: Replication = { records, times: { pull, push }, phases, cpu };
	logReplication(sides, replication);
	return replication;
}

const TITLES: Record<Direction, (n: number) => string> = {
	pull: (n) => `pull ${n} records into an empty device`,
	push: (n) => `push ${n} new records from a device`
};

function logReplication(sides: readonly Side[], r: Replication): void {
	const width = Math.max(...sides.map((s) => s.label.length));
	for (const direction of ['pull', 'push'] as const) {
		console.log(`  ${TITLES[direction](r.records)}`);
		for (const side of sides) {
			const samples = r.times[direction][side.key]?.samples.map((x) => x.toFixed(0)).join(' ') ?? '';
			console.log(`    ${side.label.padEnd(width)}  ms: ${samples}`);
			const profile = r.phases[direction].get(side.key);
			if (profile?.length) console.log(`    ${''.padEnd(width)}  ${describePhases(profile)}`);
			const used = medianCpu(r.cpu[direction].get(side.key) ?? []);
			if (used.length > 0) console.log(`    ${''.padEnd(width)}  ${describeCpu(used)}`);
		}
	}
}

/** Each group's median CPU time over the runs (0 in a run where it used none). */
function medianCpu(runs: readonly [string, number][][]): [string, number][] {
	const groups = new Set(runs.flatMap((run) => run.map(([group]) => group)));
	const medians = [...groups].map((group): [string, number] => [
		group,
		median(runs.map((run) => run.find(([g]) => g === group)?.[1] ?? 0))
	]);
	return medians.sort((a, b) => b[1] - a[1]);
}

/** The median of each phase over the runs. */
function describePhases(runs: readonly Phases[]): string {
	const at = (pick: (p: Phases) => number) => median(runs.map(pick)).toFixed(0);
	return (
		`${runs.length > 1 ? 'medians: ' : ''}device store writes ${at((p) => p.deviceMs)} ms, ` +
		`server (fetch to last byte, overlaps the device's when asking ahead) ${at((p) => p.serverMs)} ms, ` +
		`JSON + protocol check ${at((p) => p.protocolMs)} ms, ${at((p) => p.requests)} requests`
	);
}

/**
 * Records per second for every side and direction. Each Fellside figure has the first baseline's
 * as its baseline and `speedup` times it as its target; it is also given against each other
 * baseline (named in the metric), as a ratio with no target.
 */
export function replicationMetrics(
	sides: readonly Side[],
	baselines: readonly Side[],
	r: Replication,
	speedup: number
): Metric[] {
	const rate = (direction: Direction, side: Side) => {
		const m = r.times[direction][side.key];
		if (!m) throw new Error(`no figures for ${side.label}`);
		return (r.records * 1000) / m.median;
	};
	const metrics: Metric[] = [];
	for (const direction of ['pull', 'push'] as const) {
		const what =
			direction === 'pull' ? `pull ${r.records} into an empty device` : `push ${r.records} new records`;
		for (const side of sides) {
			const value = rate(direction, side);
			const metric: Metric = { name: `${what}, ${side.label}`, unit: 'records/s', value, better: 'higher' };
			if (baselines.includes(side)) {
				metrics.push(metric);
				continue;
			}
			baselines.forEach((baseline, i) => {
				const baseRate = rate(direction, baseline);
				if (i === 0) metrics.push({ ...metric, baseline: baseRate, target: baseRate * speedup });
				else
					metrics.push({ ...metric, name: `${metric.name}, against ${baseline.label}`, baseline: baseRate });
			});
		}
	}
	return metrics;
}

/**
 * One more pull or push per side with the page's CPU profiled: printed as a summary, and saved as
 * bench/results/sync-<side>-<direction>.cpuprofile for DevTools.
 */
async function profileSides(sides: readonly Side[], direction: Direction): Promise<void> {
	for (const side of sides) {
		await side.page.bringToFront();
		if (direction === 'push') await side.preparePush();
		// Only the replication itself is profiled, not the set-up.
		await side.before?.();
		const { result, profile } = await cpuProfile(side.page, direction === 'pull' ? side.pull : side.push);
		const file = await saveProfile(`sync-${side.key}-${direction}`, profile);
		const split = result.phases ? `; ${describePhases([result.phases])}` : '';
		console.log(`  profile: ${side.label} ${direction}, ${result.ms.toFixed(0)} ms${split} (${file})`);
		console.log(summariseProfile(profile).replace(/^/gm, '    '));
	}
}
