/**
 * Crash points for the crash-recovery tests (as FoundationDB and TigerBeetle use them): with
 * FELLSIDE_FAILPOINTS=<name>[,<name>] in the environment, reaching a named point kills the process
 * on the spot with SIGKILL — no cleanup, no flush — as a power cut or the OOM killer would.
 * Unset in production; then each point is one set lookup.
 */
export type Failpoint = 'push-before-commit' | 'push-after-commit';

const armed = new Set(
	(process.env.FELLSIDE_FAILPOINTS ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean)
);

export function failpoint(name: Failpoint): void {
	if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
