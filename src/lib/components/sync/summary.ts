import type { SyncView } from '$lib/client/sync/status';
import { count, timeAgo, timeUntil } from './time';

/** What the summaries read of sync: the view's state, without its actions. */
export type SyncState = Pick<
	SyncView,
	| 'online'
	| 'phase'
	| 'pending'
	| 'refused'
	| 'openConflicts'
	| 'unreportedViews'
	| 'lastSuccessAt'
	| 'lastError'
	| 'nextAttemptAt'
	| 'safeToHandIn'
>;

/** Something a person may want to act on, with where to do it. */
export interface Nudge {
	text: string;
	href: '/sync' | '/conflicts';
}

export interface HeaderSummary {
	/** "3 changes waiting", "Safe to hand in", "Nothing waiting". */
	waiting: string;
	/** "Synced 5 min ago", "Syncing…", "Not synced yet". */
	synced: string;
	/** The most pressing thing to look at, if any. */
	nudge: Nudge | null;
}

const isOffline = (s: SyncState) => !s.online || s.phase === 'offline';

/** The header's short lines: calm, a few words each, one nudge at most. */
export function headerSummary(s: SyncState, now: number): HeaderSummary {
	const waiting =
		s.pending > 0
			? `${count(s.pending, 'change')} waiting`
			: s.safeToHandIn
				? 'Safe to hand in'
				: 'Nothing waiting';
	const synced =
		s.phase === 'syncing'
			? 'Syncing…'
			: s.lastSuccessAt
				? `Synced ${timeAgo(s.lastSuccessAt, now)}`
				: 'Not synced yet';
	return { waiting, synced, nudge: headerNudge(s, now) };
}

function headerNudge(s: SyncState, now: number): Nudge | null {
	if (s.phase === 'update-needed') return { text: 'Update needed to sync', href: '/sync' };
	if (s.phase === 'reload-needed') return { text: 'Reload this tab to sync', href: '/sync' };
	if (s.refused > 0) return { text: `${count(s.refused, 'change')} to fix`, href: '/sync' };
	if (s.phase === 'retrying' && !isOffline(s)) {
		const when = s.nextAttemptAt ? `, trying again ${timeUntil(s.nextAttemptAt, now)}` : '';
		return { text: `Could not sync${when}`, href: '/sync' };
	}
	if (s.openConflicts > 0)
		return { text: `${count(s.openConflicts, 'conflict')} to review`, href: '/conflicts' };
	return null;
}

/**
 * What a screen reader hears when sync's situation changes. It names the situation, not the
 * numbers or times, so it stays the same (and silent) while someone keeps working or time passes.
 */
export function announcement(s: SyncState): string {
	const parts: string[] = [];
	if (s.phase === 'update-needed') parts.push('Fellside needs updating before it can sync.');
	else if (s.phase === 'reload-needed') parts.push('This tab must be reloaded before it can sync.');
	else if (isOffline(s))
		parts.push(s.pending > 0 ? 'Offline. Your changes are kept on this device.' : 'Offline.');
	else if (s.phase === 'retrying') parts.push('Could not sync. Your changes are kept on this device.');
	else if (s.safeToHandIn) parts.push('All changes sent.');
	if (s.refused > 0) parts.push('The server refused a change: see Sync.');
	if (s.openConflicts > 0) parts.push('There are conflicts to review.');
	return parts.join(' ');
}

export interface HandInVerdict {
	safe: boolean;
	title: string;
	/** Why it is or is not safe, one line each. */
	lines: string[];
}

/** Whether the device can be handed in, and what is left first when it cannot. */
export function handInVerdict(s: SyncState, now: number): HandInVerdict {
	// This tab no longer sees the store, so its counts may be out of date: it cannot say.
	if (s.phase === 'reload-needed')
		return {
			safe: false,
			title: 'Do not hand in this device yet',
			lines: [
				'This tab can no longer see what is waiting on the device.',
				'Reload this tab, then check this page again.'
			]
		};
	if (s.safeToHandIn) {
		const when = s.lastSuccessAt ? ` It last synced ${timeAgo(s.lastSuccessAt, now)}.` : '';
		return {
			safe: true,
			title: 'This device is safe to hand in',
			lines: [`Every change made on it has reached the Fellside server.${when}`]
		};
	}
	const lines: string[] = [];
	if (s.pending > 0)
		lines.push(
			`${count(s.pending, 'change')} on this device ${s.pending === 1 ? 'has' : 'have'} not reached the server yet.`
		);
	if (s.refused > 0)
		lines.push(
			`${count(s.refused, 'change')} refused by the server: fix or discard ${s.refused === 1 ? 'it' : 'them'} below.`
		);
	if (s.unreportedViews > 0)
		lines.push(
			`${count(s.unreportedViews, 'record')} opened or exported on this device ${s.unreportedViews === 1 ? 'is' : 'are'} not in the audit log yet.`
		);
	if (!s.lastSuccessAt) lines.push('This device has not synced with the server yet.');
	if (s.phase === 'update-needed') lines.push('Update Fellside, then check this page again.');
	else if (isOffline(s)) lines.push('Connect to the internet so the changes can be sent.');
	else if (s.phase === 'syncing') lines.push('Syncing now: this page updates when it is done.');
	else if (s.pending > 0 || s.unreportedViews > 0 || !s.lastSuccessAt)
		lines.push('Select “Sync now”, then check this page again.');
	return { safe: false, title: 'Do not hand in this device yet', lines };
}

export interface Problem {
	title: string;
	/** What happened, what it means for the person's work, and what happens next. */
	lines: string[];
}

const SAFE = 'Your changes are safe on this device.';

/** Why sync is not working, in plain English, or null when it is. */
export function explainProblem(s: SyncState, now: number): Problem | null {
	if (s.phase === 'update-needed')
		return {
			title: 'Fellside needs updating before it can sync',
			lines: [
				s.lastError ?? 'The server has changed and needs a newer version of Fellside.',
				`${SAFE} They will be sent once Fellside is updated.`,
				'When Fellside offers a new version, select “Update”. If it does not, close Fellside completely and open it again while you have signal.'
			]
		};
	if (s.phase === 'reload-needed')
		return {
			title: 'Reload this tab to sync',
			lines: [
				// The reason says what the other tab did, and whether what was saved is kept.
				s.lastError ?? 'Fellside was changed in another tab or window, so this one can no longer sync.',
				'Use your browser’s reload button, or close this tab and carry on in the other one.'
			]
		};
	if (isOffline(s))
		return {
			title: 'This device is offline',
			lines: [`${SAFE} Keep working: Fellside sends them by itself as soon as there is signal again.`]
		};
	if (s.phase === 'retrying') {
		const next = s.nextAttemptAt
			? `Fellside will try again ${timeUntil(s.nextAttemptAt, now)}, or select “Sync now” to try straight away.`
			: 'Select “Sync now” to try again.';
		return {
			title: 'The last sync did not work',
			lines: [s.lastError ?? 'Fellside could not reach its server.', SAFE, next]
		};
	}
	return null;
}
