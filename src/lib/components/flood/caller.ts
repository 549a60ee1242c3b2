import { deviceSession } from '$lib/client/device';

/**
 * Whose name goes against the calls logged in an activation: the person unlocked on this device,
 * unless they give another for the activation. Nothing is kept in localStorage, which is not sealed
 * and is shared by everyone who uses the device.
 */
export function signedInCaller(): string {
	return deviceSession().user?.displayName ?? '';
}
