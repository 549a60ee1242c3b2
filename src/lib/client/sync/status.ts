/**
 * What the screens show of sync. The sync manager (`sync.svelte.ts`) implements it with runes, so
 * components read these getters and update by themselves.
 */
export type SyncPhase =
	/** Nothing happening; the last sync (if any) went well. */
	| 'idle'
	| 'syncing'
	/** No network: changes wait on the device. */
	| 'offline'
	/** The last attempt failed (server down, bad answer); `lastError` says why, a retry is planned. */
	| 'retrying'
	/** The server needs a newer Fellside: sync stops until the app is updated. */
	| 'update-needed'
	/**
	 * Another tab took the device store away from this one (it updated Fellside, or removed the
	 * person's work): sync stops until this tab is reloaded.
	 */
	| 'reload-needed';

/** A record's own sync state, for the badge on its page and in lists. */
export type RecordSyncState = 'synced' | 'waiting' | 'refused' | 'conflict';

export interface SyncView {
	readonly online: boolean;
	readonly phase: SyncPhase;
	/** Local changes waiting in the outbox. */
	readonly pending: number;
	/** Changes the server refused, each waiting for a person to fix or discard. */
	readonly refused: number;
	readonly openConflicts: number;
	/** Records opened (or exported to a file) on this device that the server's audit log does not have yet. */
	readonly unreportedViews: number;
	/** When the last sync that reached the end went well (ISO), or null if never. */
	readonly lastSuccessAt: string | null;
	/** Why the last attempt failed, in plain English; null after a success. */
	readonly lastError: string | null;
	/** When the next automatic attempt is due (ISO), or null. */
	readonly nextAttemptAt: string | null;
	/** Nothing waiting, refused or unreported and at least one good sync: the device can be handed in. */
	readonly safeToHandIn: boolean;
	/** Bumped whenever sync changed what is on the device, so open lists read it again. */
	readonly revision: number;
	/** Sync now (the button); resolves when this attempt is over. */
	syncNow(): Promise<void>;
}
