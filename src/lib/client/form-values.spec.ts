import { describe, expect, it } from 'vitest';
import { cleanFormValues } from './form-values';

describe('cleanFormValues', () => {
	it('drops unanswered fields and objects left empty, keeps answers', () => {
		expect(
			cleanFormValues({
				name: 'Keswick Lunch Club',
				organisation: '  ',
				location: { address: '', postcode: '' },
				contacts: [
					{ name: 'Ann', phone: '' },
					{ name: '', phone: '' }
				],
				consent: false,
				count: 0
			})
		).toEqual({ name: 'Keswick Lunch Club', contacts: [{ name: 'Ann' }], consent: false, count: 0 });
	});

	it('leaves nothing of an empty form', () => {
		expect(cleanFormValues({ a: '', b: { c: '' } })).toBeUndefined();
	});
});
