import { count } from './time';

/** Storage figures in words people read: "12.5 MB", "2.1 GB". */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount';
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	const shown =
		unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
	return `${shown} ${units[unit]}`;
}

/** "Fellside uses 12.5 MB of the 2.1 GB this browser allows it (1%)." */
export function usageLine(usage: number, quota: number): string {
	if (!(quota > 0)) return `Fellside uses ${formatBytes(usage)} on this device.`;
	const share = (usage / quota) * 100;
	const percent = share > 0 && share < 1 ? 'less than 1%' : `${Math.round(share)}%`;
	return `Fellside uses ${formatBytes(usage)} of the ${formatBytes(quota)} this browser allows it (${percent}).`;
}

/** Past this share of its quota, the device is warned it may soon be unable to save. */
export const NEARLY_FULL = 0.8;

/** A file name for exported changes that sorts by time and says what it holds. */
export function exportFileName(at: Date): string {
	const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
	return `fellside-unsynced-changes-${stamp}.json`;
}

/** What importing a file did, in words: changes queued to send, and those the device already had. */
export function importMessage(file: string, queued: number, skipped: number): string {
	const already = `${count(skipped, 'change')} ${skipped === 1 ? 'was' : 'were'} already on this device`;
	if (queued === 0)
		return skipped === 0 ? `${file} holds no changes.` : `Nothing new in ${file}: ${already}.`;
	const waiting = `${count(queued, 'change')} from ${file} ${queued === 1 ? 'is' : 'are'} waiting to send.`;
	return skipped === 0 ? waiting : `${waiting} ${already.charAt(0).toUpperCase()}${already.slice(1)}.`;
}
