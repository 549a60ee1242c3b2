import { describe, expect, it } from 'vitest';
import { exportFileName, formatBytes, importMessage, usageLine } from './storage';

describe('storage words', () => {
	it('writes sizes as people read them', () => {
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(999)).toBe('999 bytes');
		expect(formatBytes(12_500_000)).toBe('12.5 MB');
		expect(formatBytes(2_000_000_000)).toBe('2 GB');
		expect(formatBytes(345_600_000)).toBe('346 MB');
		expect(formatBytes(Number.NaN)).toBe('an unknown amount');
	});

	it('says how much of the allowance Fellside uses', () => {
		expect(usageLine(12_500_000, 2_100_000_000)).toBe(
			'Fellside uses 12.5 MB of the 2.1 GB this browser allows it (less than 1%).'
		);
		expect(usageLine(1_700_000_000, 2_000_000_000)).toBe(
			'Fellside uses 1.7 GB of the 2 GB this browser allows it (85%).'
		);
		expect(usageLine(5_000, 0)).toBe('Fellside uses 5 KB on this device.');
	});

	it('names an export file by when it was made', () => {
		expect(exportFileName(new Date('2026-11-23T14:05:09Z'))).toBe(
			'fellside-unsynced-changes-20261123-1405.json'
		);
	});
});

describe('importMessage', () => {
	it('says what was queued and what the device already had', () => {
		expect(importMessage('a.json', 3, 0)).toBe('3 changes from a.json are waiting to send.');
		expect(importMessage('a.json', 1, 2)).toBe(
			'1 change from a.json is waiting to send. 2 changes were already on this device.'
		);
		expect(importMessage('a.json', 0, 1)).toBe('Nothing new in a.json: 1 change was already on this device.');
		expect(importMessage('a.json', 0, 0)).toBe('a.json holds no changes.');
	});
});
