import { describe, expect, it } from 'vitest';
import { indexWords, searchWords } from './search';

describe('search words', () => {
	it('splits on anything but letters and digits, folds case and accents, drops repeats', () => {
		expect(searchWords("Café d'Appleby – APPLEBY CA16 6XJ")).toEqual(['cafe', 'd', 'appleby', 'ca16', '6xj']);
		expect(searchWords('  ')).toEqual([]);
	});

	it('prefixes each word with the record type', () => {
		expect(indexWords('asset', 'Keswick Lunch Club')).toEqual(['asset:keswick', 'asset:lunch', 'asset:club']);
	});
});
