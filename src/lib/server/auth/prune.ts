import type { AuditStore } from '../audit';
import { pruneSessions } from './sessions';
import { pruneThrottle } from './throttle';

const DAY = 86_400_000;

/**
 * Remove ended sessions and spent sign-in counters now and then daily while the server runs.
 * Only saves space: an ended session is refused when presented whether or not it was pruned.
 */
export function pruneSignInsDaily(store: AuditStore): { stop: () => void } {
	const run = async () => {
		try {
			const now = new Date();
			await pruneSessions(store.db, now);
			await pruneThrottle(store.db, now);
		} catch (error) {
			console.error('Pruning ended sessions failed; trying again tomorrow.', error);
		}
	};
	void run();
	const timer = setInterval(() => void run(), DAY);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
