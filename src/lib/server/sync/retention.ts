import { TOMBSTONE_RETENTION_DAYS } from './pull';
import { pruneTombstones } from './purge';
import type { ServerClock, SyncDatabase } from './storage';

const DAY = 86_400_000;

/**
 * Prune tombstones past the retention horizon now and then daily while the server runs. Returns
 * the first run (for start-up and tests) and a way to stop. A failed run is logged and retried the
 * next day: pruning only saves space, nothing depends on it happening on time.
 */
export function pruneTombstonesDaily(
	database: SyncDatabase,
	options: { now?: ServerClock; days?: number } = {}
): { firstRun: Promise<number>; stop: () => void } {
	const now = options.now ?? Date.now;
	const days = options.days ?? TOMBSTONE_RETENTION_DAYS;
	const run = () =>
		pruneTombstones(database, new Date(now() - days * DAY)).catch((error: unknown) => {
			console.error('Pruning old tombstones failed; trying again tomorrow.', error);
			return 0;
		});
	const firstRun = run();
	const timer = setInterval(() => void run(), DAY);
	timer.unref();
	return { firstRun, stop: () => clearInterval(timer) };
}
