import type { ConflictItem } from './describe';
import type { Decision } from './settle';

/** The answers conflict review offers for one conflict. */
export type Choice = 'kept' | 'other' | 'typed' | 'archive' | 'restore';

export interface ChoiceOption {
	value: Choice;
	label: string;
	hint?: string;
}

/** A value short enough for a radio's label; the full value shows beside it. */
function short(text: string, most = 60): string {
	return text.length <= most ? text : `${text.slice(0, most - 1).trimEnd()}…`;
}

/** The radios for a conflict: keep one side or the other, type anew (free text), or archive or not. */
export function choiceOptions(item: ConflictItem, whenOf: (iso: string) => string): ChoiceOption[] {
	const when = (iso: string) => (iso ? `, ${whenOf(iso)}` : '');
	if (item.field === '@archived') {
		return item.archived
			? [
					{ value: 'archive', label: 'Keep it archived' },
					{ value: 'restore', label: 'Restore it', hint: 'It goes back into the lists, with every edit kept' }
				]
			: [
					{ value: 'restore', label: 'Keep it in use' },
					{ value: 'archive', label: 'Archive it' }
				];
	}
	const options: ChoiceOption[] = [
		{
			value: 'kept',
			label: `Keep “${short(item.kept.text)}”`,
			hint: `${item.kept.who}${when(item.kept.when)}`
		},
		{
			value: 'other',
			label: `Use “${short(item.other.text)}”`,
			hint: `${item.other.who}${when(item.other.when)}`
		}
	];
	if (item.editable) options.push({ value: 'typed', label: 'Type a different value' });
	return options;
}

/** The question the radios answer. */
export function choiceQuestion(item: ConflictItem): string {
	return item.field === '@archived'
		? `Should ${item.title} stay archived?`
		: `Which ${item.fieldLabel.toLowerCase()} should ${item.title} have?`;
}

/** The error when nothing was chosen, GOV.UK style: what to do, in the question's words. */
export function noChoiceMessage(item: ConflictItem): string {
	return item.field === '@archived'
		? `Select whether ${item.title} should stay archived`
		: `Select which ${item.fieldLabel.toLowerCase()} ${item.title} should have`;
}

/** The decision a choice stands for; `typed` is what the person typed. */
export function decisionFor(item: ConflictItem, choice: Choice, typed: string): Decision {
	switch (choice) {
		case 'archive':
			return { archived: true };
		case 'restore':
			return { archived: false };
		case 'kept':
			return { value: item.kept.value };
		case 'other':
			return { value: item.other.value };
		case 'typed':
			return { value: typed };
	}
}
