import type {
	FetchRequest,
	FetchResponse,
	PullRequest,
	PullResponse,
	PushRequest,
	PushResponse,
	StaffRequest,
	StaffResponse,
	ViewsRequest,
	ViewsResponse
} from '$lib/domain/sync/protocol';

/**
 * How the sync engine talks to the server: the sync requests, answers already checked
 * against the protocol's schemas. Failures are `SyncFailure`s.
 */
export interface SyncTransport {
	push(request: PushRequest): Promise<PushResponse>;
	pull(request: PullRequest): Promise<PullResponse>;
	fetch(request: FetchRequest): Promise<FetchResponse>;
	/** Views of sensitive records made on the device, for the audit log. */
	views(request: ViewsRequest): Promise<ViewsResponse>;
	/** The staff the person's records name (see `staffRequestSchema`). */
	staff(request: StaffRequest): Promise<StaffResponse>;
}

/** Why a sync request failed, with a message a person can read. Changes stay on the device. */
export abstract class SyncFailure extends Error {
	abstract readonly kind:
		'offline' | 'unreachable' | 'client-too-old' | 'mutation-gap' | 'rejected' | 'bad-answer';
}

export class Offline extends SyncFailure {
	override name = 'Offline';
	readonly kind = 'offline';
	constructor() {
		super('This device is offline. Changes are kept on it and will be sent when it has signal.');
	}
}

export class ServerUnreachable extends SyncFailure {
	override name = 'ServerUnreachable';
	readonly kind = 'unreachable';

	/** "Could not reach the Fellside server: <why>…" */
	static because(why: string): ServerUnreachable {
		return new ServerUnreachable(
			`Could not reach the Fellside server: ${why}. Changes are kept on this device and sync will try again.`
		);
	}
}

export class ClientTooOld extends SyncFailure {
	override name = 'ClientTooOld';
	readonly kind = 'client-too-old';
}

/** The server expects a different mutation id next: the device renumbers what it has not had acknowledged. */
export class MutationGap extends SyncFailure {
	override name = 'MutationGap';
	readonly kind = 'mutation-gap';
	constructor(
		message: string,
		readonly expectedMutationId: number,
		/** The numbering the device's pushes are to carry from now on, when the server says. */
		readonly numbering?: number
	) {
		super(message);
	}
}

/**
 * The push was numbered before the server's last gap answer to this device, and nothing in it was
 * applied: the device takes up the server's numbering and sends the same changes again.
 */
export class NumberingStale extends SyncFailure {
	override name = 'NumberingStale';
	readonly kind = 'mutation-gap';
	constructor(
		message: string,
		readonly numbering: number
	) {
		super(message);
	}
}

/** The server refused the request itself (not one change in it), saying why. */
export class RequestRejected extends SyncFailure {
	override name = 'RequestRejected';
	readonly kind = 'rejected';
	constructor(
		message: string,
		readonly status: number,
		readonly code?: string
	) {
		super(message);
	}
}

/** The answer does not fit the protocol: nothing of it is stored. */
export class BadAnswer extends SyncFailure {
	override name = 'BadAnswer';
	readonly kind = 'bad-answer';
	constructor(detail: string) {
		super(
			`The server sent an answer this version of Fellside cannot read (${detail}). Changes are kept on this device.`
		);
	}
}
