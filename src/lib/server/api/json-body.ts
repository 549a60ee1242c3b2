import type { z } from 'zod';
import { refusal, type Refusal } from './refusal';
import { validateInput } from './validate';

/** Deeper JSON than any request needs is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/**
 * The body's bytes, reading at most one byte past `limit`: a body that long is refused by its
 * size, and a huge one is never held in memory. The server's own cap (BODY_SIZE_LIMIT) may stop
 * the stream first; that is answered the same way, as a body over the limit.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
			size += value.byteLength;
			if (size > limit) {
				await reader.cancel();
				break;
			}
		}
	} catch (error) {
		if ((error as { status?: unknown }).status !== 413) throw error;
		return new Uint8Array(limit + 1);
	}
	return Buffer.concat(parts);
}

/**
 * JSON from a body as received (text or bytes) or already parsed by an in-process caller (then
 * measured as the JSON it stands for): size, UTF-8, syntax and depth checked, each with its own
 * plain message.
 */
export function parseJsonBody(body: unknown, limit: number): { value: unknown } | Refusal {
	const tooLarge = () =>
		refusal(
			413,
			'payload-too-large',
			`This request is larger than the server accepts (${Math.round(limit / 1024)} KB). Send less at a time.`
		);
	let text: string;
	if (typeof body === 'string') {
		if (Buffer.byteLength(body) > limit) return tooLarge();
		text = body;
	} else if (body instanceof Uint8Array) {
		if (body.byteLength > limit) return tooLarge();
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			return refusal(400, 'bad-request', 'The request body is not valid UTF-8 text.');
		}
	} else {
		let json: string | undefined;
		try {
			json = JSON.stringify(body);
		} catch {
			json = undefined;
		}
		if (json === undefined) return refusal(400, 'bad-request', 'The request body cannot be written as JSON.');
		if (Buffer.byteLength(json) > limit) return tooLarge();
		text = json;
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const why = error instanceof Error ? error.message : 'unreadable';
		return refusal(400, 'bad-request', `The request body is not valid JSON (${why}).`);
	}
	if (depthOf(value) > MAX_JSON_DEPTH) {
		return refusal(400, 'bad-request', `The request is nested more than ${MAX_JSON_DEPTH} levels deep.`);
	}
	return { value };
}

/** How deeply arrays and objects nest, without recursion (a hostile body could be very deep). */
function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [item, depth] = stack.pop() as [unknown, number];
		if (typeof item !== 'object' || item === null) continue;
		deepest = Math.max(deepest, depth + 1);
		if (deepest > MAX_JSON_DEPTH) return deepest;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/** A JSON request body read, parsed and validated: the data, or the refusal to answer with. */
export async function readJsonInput<T extends z.ZodType>(
	request: Request,
	limit: number,
	schema: T
): Promise<{ data: z.infer<T> } | Refusal> {
	const parsed = parseJsonBody(await readBody(request, limit), limit);
	if (!('value' in parsed)) return parsed;
	return validateInput(schema, parsed.value);
}
