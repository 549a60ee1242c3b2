import { deviceSession, deviceStore } from './device';
import { readStaffDirectory } from './store/staff-directory';
import type { Colleague } from '$lib/domain/sync/protocol';

/** The unlocked person's staff directory, as last synced (see `sync/staff`). */
export const staffDirectory = (): Promise<Colleague[]> => readStaffDirectory(deviceStore().database);

/** The unlocked person, as the directory and the records name them. */
export const unlockedPerson = (): { staffId: string; role: string } | undefined => {
	const user = deviceSession().user;
	return user ? { staffId: user.staffId, role: user.role } : undefined;
};
