import type { SessionInfo } from '$lib/domain/staff';
import type { AuditStore } from '../audit';
import type { AuditPublicKey } from '../audit/key';
import type { Actor } from '../auth/actor';
import type { SessionPolicy } from '../auth/sessions';
import type { AuthConfig } from '../config';

export interface SignedIn {
	actor: Actor;
	info: SessionInfo;
}

/**
 * Everything an API route needs besides its request: plain values, so tests call the routes'
 * handlers directly with a database of their own and a clock they move.
 */
export interface ApiContext {
	store: AuditStore;
	auth: AuthConfig;
	/** The session the request's cookie stands for, if it is still good. */
	session: SignedIn | null;
	/** The address the request came from (adapter-node's ADDRESS_HEADER behind a proxy). */
	ip: string;
	now: () => Date;
	/** This server's own origin, for the cross-site check. */
	serverOrigin: string;
	/** The keys the audit log's checkpoints are checked with: this server's, then any earlier ones. */
	auditKeys: readonly AuditPublicKey[];
}

export const sessionPolicy = (auth: AuthConfig): SessionPolicy => ({
	idleMs: auth.sessionIdleMs,
	maxMs: auth.sessionMaxMs,
	deviceLockMinutes: auth.deviceLockMinutes
});
