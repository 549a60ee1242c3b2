import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { handleError } from './hooks.server';

describe('errors the server did not expect (S19)', () => {
	it('answer with a generic message and a reference, never the error, its SQL or its stack', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const error = new Error('SQLITE_ERROR: no such column: password_hash in select * from staff');
		const answer = await handleError({
			error,
			event: {} as RequestEvent,
			status: 500,
			message: 'Internal Error'
		});
		expect(answer).toEqual({
			message: 'Something went wrong on the server. Please try again.',
			reference: expect.stringMatching(/^[0-9a-f]{8}$/) as string
		});
		expect(JSON.stringify(answer)).not.toMatch(/SQLITE|select|staff|at .*\.ts/);
		// The detail goes to the server's log, under the same reference, for whoever looks after it.
		expect(log).toHaveBeenCalledWith(`[error ${answer?.reference}]`, error);
		log.mockRestore();
	});
});
