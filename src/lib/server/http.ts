import { json } from '@sveltejs/kit';

/** A JSON problem answer with a message a person can act on. */
export function problem(status: number, message: string, extra: Record<string, unknown> = {}): Response {
	return json({ error: { status, message, ...extra } }, { status });
}
