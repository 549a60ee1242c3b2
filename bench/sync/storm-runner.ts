/**
 * Runs the reconnect storm (storm.mts) in its own Node process against a running server, checks
 * that the server holds every change exactly once, and turns its timings into metrics.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentile, type Metric } from '../lib/harness.js';
import { ROOT, type RunningServer } from '../lib/server.js';
import type { StormResult } from './api.js';

export const STORM_DEVICES = 200;
export const STORM_MUTATIONS = 50;

export type StormMode = 'storm' | 'sequential';

/** storm.mts with the `$lib` alias; its last line of output is the result. */
export function runStorm(server: RunningServer, databaseUrl: string, mode: StormMode): Promise<StormResult> {
	const args = [
		'--import',
		'tsx',
		'bench/sync/storm.mts',
		'--url',
		server.url,
		'--database',
		databaseUrl,
		'--devices',
		String(STORM_DEVICES),
		'--mutations',
		String(STORM_MUTATIONS),
		'--mode',
		mode
	];
	const env = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'bench', 'sync', 'tsconfig.json') };
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
		child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (code !== 0) {
				reject(
					new Error(`reconnect storm (${mode}) failed (${signal ?? `exit ${code}`}):\n${stderr.slice(-4000)}`)
				);
				return;
			}
			const last = stdout.trim().split('\n').at(-1) ?? '';
			try {
				resolve(checkedStorm(JSON.parse(last) as StormResult, mode));
			} catch (err) {
				reject(err instanceof Error ? err : new Error(String(err)));
			}
		});
	});
}

/** Throws unless the server holds each device's changes exactly once. */
function checkedStorm(result: StormResult, mode: StormMode): StormResult {
	const { devices, mutationsPerDevice: n, server } = result;
	const expected = { records: (devices * n) / 2, clientsComplete: devices, answers: devices * n };
	for (const key of ['records', 'clientsComplete', 'answers'] as const) {
		if (server[key] !== expected[key]) {
			throw new Error(
				`reconnect storm (${mode}): server has ${key} ${server[key]}, expected ${expected[key]}`
			);
		}
	}
	if (result.latenciesMs.length !== devices)
		throw new Error(`${result.latenciesMs.length} latencies for ${devices} devices`);
	return result;
}

export function describeStorm(label: string, mode: StormMode, r: StormResult): string {
	const ms = (x: number): string => x.toFixed(0);
	const l = r.latenciesMs;
	return (
		`  ${label} ${mode}: ${r.devices} devices x ${r.mutationsPerDevice} mutations in ${ms(r.totalMs)} ms; ` +
		`push latency p50 ${ms(percentile(l, 50))} p95 ${ms(percentile(l, 95))} max ${ms(Math.max(...l))} ms; ` +
		`server holds ${r.server.records} records, ${r.server.answers} answers, ` +
		`${r.server.clientsComplete} devices at their last mutation id; ${r.retries.length} retries` +
		r.retries.map((why) => `\n    retry: ${why}`).join('')
	);
}

/**
 * The storm's figures, each beside the same devices' pushes made one after another on an idle
 * server (the baseline: what a push costs with no one else pushing).
 */
export function stormMetrics(label: string, storm: StormResult, sequential: StormResult): Metric[] {
	const name = `reconnect storm ${storm.devices} x ${storm.mutationsPerDevice}, ${label}`;
	const at = (r: StormResult, p: number) => percentile(r.latenciesMs, p);
	const latency = (what: string, p: number): Metric => ({
		name: `${name}: push latency ${what}`,
		unit: 'ms',
		value: at(storm, p),
		better: 'lower',
		baseline: at(sequential, p)
	});
	return [
		latency('p50', 50),
		latency('p95', 95),
		latency('max', 100),
		{
			name: `${name}: total`,
			unit: 'ms',
			value: storm.totalMs,
			better: 'lower',
			baseline: sequential.totalMs
		},
		{
			name: `${name}: mutations acknowledged exactly once`,
			unit: 'mutations',
			value: storm.server.answers,
			better: 'higher',
			target: storm.devices * storm.mutationsPerDevice
		}
	];
}
