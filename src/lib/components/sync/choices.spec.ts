import { describe, expect, it } from 'vitest';
import type { Conflict } from '$lib/domain/sync/protocol';
import { choiceOptions, choiceQuestion, decisionFor, noChoiceMessage } from './choices';
import type { ConflictItem } from './describe';

const item = (over: Partial<ConflictItem> = {}): ConflictItem => ({
	recordId: 'r',
	type: 'asset',
	typeLabel: 'Community asset',
	title: 'Alston Village Hall',
	href: null,
	conflict: {} as Conflict,
	field: 'description',
	fieldLabel: 'Description',
	kept: {
		value: 'Hall with a kitchen',
		text: 'Hall with a kitchen',
		who: "Sam's tablet",
		when: '2026-11-22T10:00:00.000Z'
	},
	other: { value: null, text: 'Not given', who: 'This device', when: '' },
	editable: true,
	archived: false,
	...over
});
const when = (iso: string) => `at ${iso.slice(11, 16)}`;

describe('choiceOptions', () => {
	it('offers either side, saying whose it is, and typing anew for free text', () => {
		expect(choiceOptions(item(), when)).toEqual([
			{ value: 'kept', label: 'Keep “Hall with a kitchen”', hint: "Sam's tablet, at 10:00" },
			{ value: 'other', label: 'Use “Not given”', hint: 'This device' },
			{ value: 'typed', label: 'Type a different value' }
		]);
	});

	it('offers no typing for a field with codes, and shortens long values', () => {
		const long = 'x'.repeat(100);
		const options = choiceOptions(item({ editable: false, kept: { ...item().kept, text: long } }), when);
		expect(options.map((o) => o.value)).toEqual(['kept', 'other']);
		expect(options[0]?.label).toBe(`Keep “${'x'.repeat(59)}…”`);
	});

	it('asks whether an archived record stays archived', () => {
		expect(choiceOptions(item({ field: '@archived', archived: true }), when).map((o) => o.label)).toEqual([
			'Keep it archived',
			'Restore it'
		]);
		expect(choiceOptions(item({ field: '@archived', archived: false }), when).map((o) => o.label)).toEqual([
			'Keep it in use',
			'Archive it'
		]);
	});
});

describe('decisionFor', () => {
	it('turns each answer into the value or archiving it stands for', () => {
		expect(decisionFor(item(), 'kept', '')).toEqual({ value: 'Hall with a kitchen' });
		expect(decisionFor(item(), 'other', '')).toEqual({ value: null });
		expect(decisionFor(item(), 'typed', 'Hall and kitchen')).toEqual({ value: 'Hall and kitchen' });
		expect(decisionFor(item(), 'archive', '')).toEqual({ archived: true });
		expect(decisionFor(item(), 'restore', '')).toEqual({ archived: false });
	});
});

describe('the question and its error', () => {
	it('asks about the field, or about archiving, in the same words', () => {
		expect(choiceQuestion(item())).toBe('Which description should Alston Village Hall have?');
		expect(noChoiceMessage(item())).toBe('Select which description Alston Village Hall should have');
		expect(choiceQuestion(item({ field: '@archived' }))).toBe('Should Alston Village Hall stay archived?');
		expect(noChoiceMessage(item({ field: '@archived' }))).toBe(
			'Select whether Alston Village Hall should stay archived'
		);
	});
});
