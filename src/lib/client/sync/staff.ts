import { saveStaffDirectory } from '../store/staff-directory';
import { envelope, type SyncContext } from './sync-context';

/**
 * The staff the person's records name, asked for afresh and kept on the device in place of the
 * last answer, so names show with no signal. Returns how many the server named.
 */
export async function refreshStaff(context: SyncContext): Promise<number> {
	const answer = await context.transport.staff(envelope(context));
	await saveStaffDirectory(context.db, answer.staff);
	return answer.staff.length;
}
