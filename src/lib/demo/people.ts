import { nhsCheckDigit } from '../domain/referral/nhs-number';
import type { AgeBand } from '../domain/visit';
import { DAY_MS, YEAR_MS } from './dates';
import type { Random } from './random';

/** Fictional people: common British first names by generation, surnames long rooted in Cumbria. */

export const SURNAMES = words(
	'Graham Armstrong Irving Bell Nixon Dixon Robinson Tyson Atkinson Wilson Hodgson Routledge Elliot Little ' +
		'Jackson Thompson Richardson Wilkinson Dobson Teasdale Hetherington Stephenson Bowness Harrison Fisher ' +
		'Brown Smith Taylor Walker Johnston Moffat Storey Noble Hutchinson Ritson Relph Sewell Airey Birkett ' +
		'Tweddle Pattinson Postlethwaite Braithwaite Troughton Steele Beck'
);

const BORN_BEFORE_1960 = generation(
	'Margaret Jean Dorothy Joan Eileen Brenda Sheila Maureen Irene Betty Mary Norman Kenneth Dennis Harold ' +
		'Ronald Gordon Wilfred Stanley Jim Tom Bill George Eric'
);
const BORN_1960_TO_1984 = generation(
	'David John Peter Alan Ian Andrew Michael Stephen Paul Mark Gary Susan Linda Karen Julie Gillian ' +
		'Christine Helen Alison Joanne Claire Nicola Stuart Neil'
);
const BORN_FROM_1985 = generation(
	'Emma Sarah Laura Rebecca Chloe Jessica Amy Hannah Lucy Megan Jack Liam Daniel Thomas Ryan Jamie Callum ' +
		'Josh Adam Kieran'
);

// Names and numbers repeat across 50,000 records, so each is built once and shared: far less garbage.
// Stored as the schemas store them (E.164), so parsing a record changes nothing.
const MOBILES = Array.from({ length: 1000 }, (_, i) => `+447700900${String(i).padStart(3, '0')}`);
const LANDLINES = Array.from({ length: 1000 }, (_, i) => `+441632960${String(i).padStart(3, '0')}`);

/** Space-separated so the lists stay compact. */
function words(list: string): readonly string[] {
	return list.split(' ');
}

/** First names of one generation, with every full name they make. */
function generation(list: string): { first: readonly string[]; full: readonly string[] } {
	const first = words(list);
	return { first, full: first.flatMap((name) => SURNAMES.map((surname) => `${name} ${surname}`)) };
}

export type Person = { firstName: string; lastName: string; name: string; bornMs: number };

/** The ages each of the visit form's age bands covers; demo people stop at 99. */
export const AGE_RANGES: Readonly<Record<AgeBand, readonly [min: number, max: number]>> = {
	'18-64': [18, 64],
	'65-74': [65, 74],
	'75-84': [75, 84],
	'85+': [85, 99]
};

/** Ofcom keeps these for drama (07700 900xxx, 01632 960xxx): no real phone ever rings. */
export const DRAMA_PHONE = /^\+44(7700900|1632960)\d{3}$/;

/** Someone aged `minAge` to `maxAge` on `nowMs`, with a first name that suits when they were born. */
export function person(rng: Random, nowMs: number, minAge: number, maxAge: number): Person {
	const bornMs = rng.msBetween(nowMs - (maxAge + 1) * YEAR_MS + DAY_MS, nowMs - minAge * YEAR_MS);
	// Close enough for choosing a name, and far cheaper than a Date for 100,000 people.
	const year = 1970 + bornMs / YEAR_MS;
	const names = year < 1960 ? BORN_BEFORE_1960 : year < 1985 ? BORN_1960_TO_1984 : BORN_FROM_1985;
	const i = rng.int(0, names.first.length - 1);
	const j = rng.int(0, SURNAMES.length - 1);
	return {
		firstName: names.first[i] as string,
		lastName: SURNAMES[j] as string,
		name: names.full[i * SURNAMES.length + j] as string,
		bornMs
	};
}

export function mobile(rng: Random): string {
	return rng.pick(MOBILES);
}

export function landline(rng: Random): string {
	return rng.pick(LANDLINES);
}

export function phone(rng: Random, mobileShare = 0.7): string {
	return rng.chance(mobileShare) ? mobile(rng) : landline(rng);
}

/** Only the reserved example domains (RFC 2606), so no mail ever leaves. */
export function email(rng: Random, who: Pick<Person, 'firstName' | 'lastName'>): string {
	const local = `${who.firstName}.${who.lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
	return `${local}@${rng.pick(['example.org', 'example.com'])}`;
}

/** An NHS number from the 999 range, which is never issued to a patient, with a valid check digit. */
export function nhsNumber(rng: Random): string {
	for (;;) {
		const nine = `999${String(rng.int(0, 999_999)).padStart(6, '0')}`;
		const check = nhsCheckDigit(nine);
		// 999 999 999 9 passes the check but is refused as all one digit.
		if (check !== null && nine !== '999999999') return `${nine}${check}`;
	}
}
