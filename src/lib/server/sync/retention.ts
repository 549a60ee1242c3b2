import { TOMBSTONE_RETENTION_DAYS } from './pull';
import { pruneAnswers, pruneTombstones, type AnswerPruning } from './purge';
import type { ServerClock, SyncDatabase } from './storage';

const DAY = 86_400_000;
/** How long every stored answer is kept, beyond each device's latest (`ANSWERS_KEPT`). */
export const ANSWER_RETENTION_DAYS = 30;

export interface Pruned {
	tombstones: number;
	answers: number;
}

/**
 * Prune what sync no longer needs, now and then daily while the server runs: tombstones past the
 * retention horizon, and devices' old stored answers (`pruneAnswers`). Returns the first run (for
 * start-up and tests) and a way to stop. A failed run is logged and retried the next day: pruning
 * only saves space, nothing depends on it happening on time.
 */
export function pruneSyncDaily(
	database: SyncDatabase,
	options: { now?: ServerClock; tombstoneDays?: number; answerDays?: number; answers?: AnswerPruning } = {}
): { firstRun: Promise<Pruned>; stop: () => void } {
	const now = options.now ?? Date.now;
	const before = (days: number) => new Date(now() - days * DAY);
	const attempt = (what: string, prune: () => Promise<number>) =>
		prune().catch((error: unknown) => {
			console.error(`Pruning ${what} failed; trying again tomorrow.`, error);
			return 0;
		});
	const run = async (): Promise<Pruned> => ({
		tombstones: await attempt('old tombstones', () =>
			pruneTombstones(database, before(options.tombstoneDays ?? TOMBSTONE_RETENTION_DAYS))
		),
		answers: await attempt('old sync answers', () =>
			pruneAnswers(database, before(options.answerDays ?? ANSWER_RETENTION_DAYS), options.answers)
		)
	});
	const firstRun = run();
	const timer = setInterval(() => void run(), DAY);
	timer.unref();
	return { firstRun, stop: () => clearInterval(timer) };
}
