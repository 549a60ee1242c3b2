/** Server side of sync: plain TypeScript (no SvelteKit), so Node tests and benchmarks use it directly. */
export { push, type PushContext } from './push';
export { pull, fetch, TOMBSTONE_RETENTION_DAYS, type PullContext } from './pull';
export { purgeRecord, pruneAnswers, pruneTombstones } from './purge';
export {
	handleSync,
	BODY_LIMITS,
	SYNC_ENDPOINTS,
	type SyncAnswer,
	type SyncEndpoint,
	type SyncRequestInfo,
	type SyncServer
} from './http';
export { SyncRefusal } from './refusal';
export { SERVER_NODE, type ServerClock, type SyncDatabase } from './storage';
