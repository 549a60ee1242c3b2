import type { ApiError, ApiErrorCode } from '$lib/domain/api-error';

/** A request the server will not carry out: status, code and a message a person can act on. */
export interface Refusal {
	status: number;
	code: ApiErrorCode;
	message: string;
	/** For bad input: each field that is wrong, by its path. */
	errors?: { path: string; message: string }[];
}

export const refusal = (
	status: number,
	code: ApiErrorCode,
	message: string,
	errors?: Refusal['errors']
): Refusal => (errors ? { status, code, message, errors } : { status, code, message });

export const isRefusal = (value: unknown): value is Refusal =>
	typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'message' in value;

export function refusalBody(r: Refusal): ApiError {
	return { error: { ...r } };
}

/** A JSON answer. API answers are never stored by any cache: they carry personal data. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return jsonTextResponse(JSON.stringify(body), status, headers);
}

/** A body already written as JSON text. */
export function jsonTextResponse(json: string, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(json, {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}

export function refusalResponse(r: Refusal, headers: Record<string, string> = {}): Response {
	return jsonResponse(refusalBody(r), r.status, headers);
}
