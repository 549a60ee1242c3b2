import { PROTOCOL_VERSION, SCHEMA_VERSION, type PullRequest } from '$lib/domain/sync/protocol';
import type { DeviceDatabase } from '../store/database';
import type { SyncTransport } from './transport';

/** What every step of a sync needs. */
export interface SyncContext {
	db: DeviceDatabase;
	transport: SyncTransport;
	clientId: string;
	/** The device's time, ISO. */
	now: () => string;
	/** What people call this device, shown beside its edits in conflict review. */
	deviceName?: string;
}

/** The fields every sync request starts with. */
export const envelope = (
	context: SyncContext
): Pick<PullRequest, 'protocol' | 'schemaVersion' | 'clientId'> => ({
	protocol: PROTOCOL_VERSION,
	schemaVersion: SCHEMA_VERSION,
	clientId: context.clientId
});

/** The device's time in milliseconds, for its clock. */
export const nowMs = (context: Pick<SyncContext, 'now'>) => () => Date.parse(context.now());
