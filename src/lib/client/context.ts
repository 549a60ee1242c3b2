import { getContext } from 'svelte';
import type { DeviceSync } from './sync/sync.svelte';

export const SYNC_CONTEXT = 'sync';

/** The device's sync, set by the root layout: counts, state, `revision`, Sync now. */
export function useSync(): DeviceSync {
	return getContext<DeviceSync>(SYNC_CONTEXT);
}
