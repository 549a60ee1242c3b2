import { IDLE_LOCK_MINUTES, vaultSettingsSchema } from '$lib/domain/unlock';
import type { SessionInfo } from '$lib/domain/staff';
import { ApiProblem, staffApi } from '../staff-api';
import type { DeviceSession } from './session.svelte';

/** The server's lock setting, remembered from the last online contact (it is not personal). */
const LOCK_MINUTES_KEY = 'fellside-lock-minutes';

export function lockMinutes(storage: Pick<Storage, 'getItem'> = localStorage): number {
	const parsed = vaultSettingsSchema.shape.idleLockMinutes.safeParse(
		Number(storage.getItem(LOCK_MINUTES_KEY))
	);
	return parsed.success && parsed.data ? parsed.data : IDLE_LOCK_MINUTES;
}

export function rememberSettings(info: SessionInfo, storage: Pick<Storage, 'setItem'> = localStorage): void {
	storage.setItem(LOCK_MINUTES_KEY, String(info.deviceLockMinutes));
}

/**
 * At the first online contact after unlocking: the server's word on the person. Their offline
 * grant runs on with their session; a disabled account removes their data from this device.
 */
export async function watchSignIn(session: DeviceSession): Promise<void> {
	const user = session.user;
	if (!user || !navigator.onLine) return;
	try {
		const info = await staffApi.session();
		if (info?.staff.id !== user.staffId) return;
		rememberSettings(info);
		await session.renewed(info);
	} catch (error) {
		if (error instanceof ApiProblem && error.code === 'account-disabled')
			await session.remove(user.staffId, 'disabledOnServer', error.message);
		// Otherwise no answer now: sync will try again, and the header says so.
	}
}
