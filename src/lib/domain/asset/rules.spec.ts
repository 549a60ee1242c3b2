import { describe, expect, it } from 'vitest';
import { addMonths, formatLongDate } from '../common/dates';
import { exampleAsset, exampleSkill } from './fixtures';
import { needsAttention, reverificationDue, reverificationDueOn } from './rules';

describe('calendar months', () => {
	it.each([
		['2025-03-03', 12, '2026-03-03'],
		['2024-02-29', 12, '2025-02-28'],
		['2024-02-29', 48, '2028-02-29'],
		['2023-02-28', 12, '2024-02-28'],
		['2023-03-01', 12, '2024-03-01'],
		['2099-02-28', 12, '2100-02-28'],
		['2199-02-28', 12, '2200-02-28'],
		['2399-02-28', 12, '2400-02-28'],
		['2025-01-31', 1, '2025-02-28'],
		['2024-01-31', 1, '2024-02-29'],
		['2025-12-15', 1, '2026-01-15'],
		['2025-12-31', 12, '2026-12-31']
	])('%s plus %i months is %s', (from, months, expected) => {
		expect(addMonths(from, months)).toBe(expected);
	});

	it.each([
		['2026-03-03', '3 March 2026'],
		['2025-12-31', '31 December 2025'],
		['2024-02-29', '29 February 2024']
	])('writes %s as %s', (iso, words) => {
		expect(formatLongDate(iso)).toBe(words);
	});

	it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '3 March 2026', ''])(
		'throws on %j',
		(bad) => {
			expect(() => addMonths(bad, 12)).toThrow();
			expect(() => formatLongDate(bad)).toThrow();
		}
	);
});

describe('reverificationDueOn', () => {
	it.each([
		['2025-03-03', '2026-03-03'],
		['2024-02-29', '2025-02-28'],
		['2025-12-31', '2026-12-31']
	])('is 12 calendar months after %s: %s', (lastVerified, dueOn) => {
		expect(reverificationDueOn({ lastVerified })).toBe(dueOn);
	});

	it('is null when the details were never checked', () => {
		expect(reverificationDueOn({ lastVerified: undefined })).toBeNull();
	});
});

describe('reverificationDue', () => {
	describe.each(['published', 'verified'] as const)('for a %s asset', (lifecycle) => {
		it.each([
			['2025-03-03', '2026-03-02', false],
			['2025-03-03', '2026-03-03', true],
			['2025-03-03', '2026-03-04', true],
			['2025-03-03', '2025-03-03', false],
			['2024-02-29', '2025-02-27', false],
			['2024-02-29', '2025-02-28', true],
			['2023-03-01', '2024-02-29', false],
			['2023-03-01', '2024-03-01', true],
			['2023-02-28', '2024-02-28', true],
			['2025-12-31', '2026-12-30', false],
			['2025-12-31', '2026-12-31', true],
			['2026-06-01', '2026-03-03', false]
		])('last verified %s, today %s: due %s', (lastVerified, today, due) => {
			expect(reverificationDue({ lifecycle, lastVerified }, today)).toBe(due);
		});

		it('is due at once with no date last checked', () => {
			expect(reverificationDue({ lifecycle, lastVerified: undefined }, '2026-03-03')).toBe(true);
		});
	});

	it.each(['draft', 'submitted', 'archived'] as const)('is never due while %s', (lifecycle) => {
		expect(reverificationDue({ lifecycle, lastVerified: '2020-01-01' }, '2026-03-03')).toBe(false);
		expect(reverificationDue({ lifecycle, lastVerified: undefined }, '2026-03-03')).toBe(false);
	});

	it('throws on a malformed today', () => {
		expect(() => reverificationDue(exampleAsset(), '2026-3-3')).toThrow();
	});
});

describe('needsAttention', () => {
	const today = '2026-03-03';

	it.each([
		['a published asset checked this year', exampleAsset({ lastVerified: '2025-10-14' })],
		['a draft', exampleAsset({ lifecycle: 'draft', lastVerified: undefined })],
		['an archived asset, however old or closed', exampleAsset({ lifecycle: 'archived', status: 'defunct' })],
		['a published skill with consent', exampleSkill({ lastVerified: '2025-11-03' })]
	])('is empty for %s', (_, asset) => {
		expect(needsAttention(asset, today)).toEqual([]);
	});

	it.each([
		['a submission', exampleAsset({ lifecycle: 'submitted' }), ['Waiting for verification']],
		['a verified asset', exampleAsset({ lifecycle: 'verified' }), ['Verified, waiting to be published']],
		[
			'an asset checked exactly 12 months ago',
			exampleAsset({ lastVerified: '2025-03-03' }),
			['Re-verification due since 3 March 2026']
		],
		[
			'an asset checked on a leap day',
			exampleAsset({ lastVerified: '2024-02-29' }),
			['Re-verification due since 28 February 2025']
		],
		[
			'a published asset with no date last checked',
			exampleAsset({ lastVerified: undefined }),
			['Re-verification due: date last checked not recorded']
		],
		[
			'a published skill without consent (older data)',
			exampleSkill({ consentToPublish: false }),
			["No consent to publish this person's skill"]
		],
		[
			'a submitted skill without consent (older data)',
			exampleSkill({ lifecycle: 'submitted', consentToPublish: false }),
			['Waiting for verification', "No consent to publish this person's skill"]
		],
		[
			'a published asset that has closed for good',
			exampleAsset({ status: 'defunct' }),
			['Defunct but still published: archive it']
		],
		[
			'a verified asset that is overdue',
			exampleAsset({ lifecycle: 'verified', lastVerified: '2024-06-30' }),
			['Verified, waiting to be published', 'Re-verification due since 30 June 2025']
		]
	])('flags %s', (_, asset, reasons) => {
		expect(needsAttention(asset, today)).toEqual(reasons);
	});

	it('stops flagging a submission as soon as it moves on', () => {
		expect(needsAttention(exampleAsset({ lifecycle: 'draft' }), today)).toEqual([]);
	});
});
