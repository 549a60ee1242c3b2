/**
 * CPU time each process used while a measured run ran, read from /proc (Linux; elsewhere nothing is
 * read and nothing is printed). On a 2-core machine a sync's client, browser and server share the
 * cores, so where the CPU went says more than any one side's wall time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** A process the caller started (a server), counted with every process under it. */
export interface CpuRoot {
	label: string;
	pid: number;
}

interface ProcessRow {
	pid: number;
	ppid: number;
	comm: string;
	cmdline: string;
	/** User plus system time so far, ms. */
	cpuMs: number;
}

/** Clock ticks per second: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const TICK_MS = 10;

function readProcesses(): ProcessRow[] {
	let entries: string[];
	try {
		entries = readdirSync('/proc');
	} catch {
		return [];
	}
	const rows: ProcessRow[] = [];
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// The command name is in parentheses and may hold spaces: the fields follow its last ')'.
			const close = stat.lastIndexOf(')');
			const fields = stat.slice(close + 2).split(' ');
			rows.push({
				pid: Number(entry),
				ppid: Number(fields[1]),
				comm: stat.slice(stat.indexOf('(') + 1, close),
				cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
				cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS
			});
		} catch {
			// Gone since the listing.
		}
	}
	return rows;
}

/** Which group a process is counted in, if any. */
function groupOf(
	row: ProcessRow,
	byPid: Map<number, ProcessRow>,
	roots: readonly CpuRoot[]
): string | undefined {
	if (row.pid === process.pid) return 'bench runner';
	let ours = false;
	for (let at: ProcessRow | undefined = row, depth = 0; at && depth < 20; depth++) {
		const root = roots.find((r) => r.pid === at?.pid);
		if (root) return root.label;
		ours ||= at.ppid === process.pid;
		at = byPid.get(at.ppid);
	}
	// Only the Chromium this benchmark launched (a child of this process), not another run's.
	if (ours && /chrom/i.test(row.comm)) {
		const type = /--type=([a-z-]+)/.exec(row.cmdline)?.[1];
		if (!type) return 'Chromium browser process (IndexedDB)';
		if (type === 'utility') return /network/i.test(row.cmdline) ? 'Chromium network' : 'Chromium utility';
		return `Chromium ${type}`;
	}
	// The throw-away cluster runs detached from this process: every postgres here is counted.
	if (row.comm === 'postgres') return 'PostgreSQL';
	return undefined;
}

/** CPU ms so far per process, keyed by group and pid. */
function snapshot(roots: readonly CpuRoot[]): Map<string, number> {
	const rows = readProcesses();
	const byPid = new Map(rows.map((row) => [row.pid, row]));
	const out = new Map<string, number>();
	for (const row of rows) {
		const group = groupOf(row, byPid, roots);
		if (group) out.set(`${row.pid} ${group}`, row.cpuMs);
	}
	return out;
}

/** CPU ms per group between two snapshots, largest first, groups under `floorMs` left out. */
function difference(
	before: Map<string, number>,
	after: Map<string, number>,
	floorMs: number
): [string, number][] {
	const groups = new Map<string, number>();
	for (const [key, ms] of after) {
		const group = key.slice(key.indexOf(' ') + 1);
		groups.set(group, (groups.get(group) ?? 0) + ms - (before.get(key) ?? 0));
	}
	return [...groups].filter(([, ms]) => ms >= floorMs).sort((a, b) => b[1] - a[1]);
}

/** CPU time per group of processes while `work` ran. */
export async function cpuDuring<T>(
	roots: readonly CpuRoot[],
	work: () => Promise<T>
): Promise<{ result: T; cpu: [string, number][] }> {
	const before = snapshot(roots);
	const result = await work();
	return { result, cpu: difference(before, snapshot(roots), 2 * TICK_MS) };
}

/**
 * e.g. "CPU: Fellside on SQLite 1550 ms, Chromium renderer 900 ms, …, in all 3600 ms, so at least
 * 1800 ms on 2 cores": no run that uses this much CPU can take less time on this machine, however
 * well its processes share the cores.
 */
export function describeCpu(cpu: readonly [string, number][], cores = availableParallelism()): string {
	if (cpu.length === 0) return '';
	const total = cpu.reduce((sum, [, ms]) => sum + ms, 0);
	const groups = cpu.map(([group, ms]) => `${group} ${ms.toFixed(0)} ms`).join(', ');
	return `CPU: ${groups}; in all ${total.toFixed(0)} ms, so at least ${(total / cores).toFixed(0)} ms on ${cores} cores`;
}
