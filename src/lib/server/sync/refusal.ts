import type { SyncError, SyncErrorCode } from '$lib/domain/sync/protocol';

/**
 * A request the server will not carry out, with the status, code and plain-English message the
 * device shows. Thrown by the service, turned into the error answer by `handleSync`.
 */
export class SyncRefusal extends Error {
	override name = 'SyncRefusal';

	constructor(
		readonly status: number,
		readonly code: SyncErrorCode,
		message: string,
		readonly expectedMutationId?: number,
		/** The numbering the device's pushes are to carry (see `PushRequest.numbering`). */
		readonly numbering?: number
	) {
		super(message);
	}

	get body(): SyncError {
		const error: SyncError['error'] = { status: this.status, code: this.code, message: this.message };
		if (this.expectedMutationId !== undefined) error.expectedMutationId = this.expectedMutationId;
		if (this.numbering !== undefined) error.numbering = this.numbering;
		return { error };
	}
}
