/**
 * Search works on words: "kesw lunch" finds "Keswick Lunch Club". Each word is stored prefixed with
 * the record type, so one index serves every type and a prefix range reads only matching records.
 */
export function searchWords(text: string): string[] {
	const words = text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	return [...new Set(words)];
}

export function indexWords(type: string, text: string): string[] {
	return searchWords(text).map((word) => `${type}:${word}`);
}
