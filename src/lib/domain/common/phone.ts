/**
 * UK phone numbers, stored in E.164 (`+447700900123`) so `tel:` and `sms:` links work from any
 * device, and shown grouped the way people read them (`07700 900123`).
 */
export function normalisePhone(input: string): string | null {
	const cleaned = input.trim().replace(/[\s().-]/g, '');
	let national: string;
	if (/^\+44\d+$/.test(cleaned)) national = `0${cleaned.slice(3).replace(/^0/, '')}`;
	else if (/^0044\d+$/.test(cleaned)) national = `0${cleaned.slice(4).replace(/^0/, '')}`;
	else if (/^0\d+$/.test(cleaned)) national = cleaned;
	else return null;
	// UK numbers are 0 + 9 or 10 digits; 01/02/03/07/08 ranges cover landlines, mobiles and services.
	if (!/^0[1-35789]\d{8,9}$/.test(national)) return null;
	if (national.startsWith('07') && national.length !== 11) return null;
	return `+44${national.slice(1)}`;
}

export function formatPhone(e164: string): string {
	if (!e164.startsWith('+44')) return e164;
	const n = `0${e164.slice(3)}`;
	// London and other 02 numbers: 020 7946 0000.
	if (n.startsWith('02')) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
	// Big-city codes 011x and 01x1: 0161 496 0000.
	if (/^01(1\d|\d1)/.test(n)) return `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
	// Mobiles, other landlines and services: 07700 900123, 01768 772000.
	return `${n.slice(0, 5)} ${n.slice(5)}`;
}
