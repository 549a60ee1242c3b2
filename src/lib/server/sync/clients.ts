import type { Transaction } from 'kysely';
import type { PushRequest } from '$lib/domain/sync/protocol';
import type { Database } from '../db/schema';

/** How far the server has taken a device's changes and its reported views. */
export interface ClientProgress {
	lastMutationId: number;
	lastViewId: number;
	/** How many times the device was told of a gap in its numbering. */
	gapsAnswered: number;
}

/**
 * Where the device got to. A device seen for the first time is registered; a new device name, or
 * another member of staff signed in on it, is stored first, so what this request records shows them.
 */
export async function registerClient(
	trx: Transaction<Database>,
	request: Pick<PushRequest, 'clientId' | 'deviceName'>,
	staffId: string,
	now: string
): Promise<ClientProgress> {
	const client = await trx
		.selectFrom('sync_client')
		.select(['last_mutation_id', 'last_view_id', 'gaps_answered', 'device_name', 'staff_id'])
		.where('id', '=', request.clientId)
		.executeTakeFirst();
	if (client) {
		const renamed = request.deviceName && request.deviceName !== client.device_name;
		if (renamed || client.staff_id !== staffId) {
			await trx
				.updateTable('sync_client')
				.set({ device_name: renamed ? request.deviceName : client.device_name, staff_id: staffId })
				.where('id', '=', request.clientId)
				.execute();
		}
		return {
			lastMutationId: Number(client.last_mutation_id),
			lastViewId: Number(client.last_view_id),
			gapsAnswered: Number(client.gaps_answered)
		};
	}
	await trx
		.insertInto('sync_client')
		.values({
			id: request.clientId,
			device_name: request.deviceName || null,
			staff_id: staffId,
			last_mutation_id: 0,
			created_at: now,
			last_seen_at: now
		})
		.execute();
	return { lastMutationId: 0, lastViewId: 0, gapsAnswered: 0 };
}
