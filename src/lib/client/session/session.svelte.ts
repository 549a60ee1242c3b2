import type { SessionInfo } from '$lib/domain/staff';
import type { UnlockSecret } from '$lib/domain/unlock';
import type { DeviceUser, DeviceUsers, UnlockedUser, UnlockResult, WipeReason } from '../vault/users';

/**
 * Who is using this device, as the screens see it. Offline is the normal case: after one online
 * sign-in a person unlocks with their PIN or passphrase for as long as their offline grant runs,
 * and several people can share one device, each with their own encrypted store.
 */
export type SessionView =
	| { kind: 'starting' }
	/** Nobody can unlock on this device: an online sign-in comes first. */
	| { kind: 'signed-out'; note?: string }
	| { kind: 'locked'; users: DeviceUser[]; note?: string }
	/** Signed in online just now: they choose the PIN or passphrase that unlocks offline. */
	| { kind: 'choose-secret'; info: SessionInfo }
	| { kind: 'unlocked'; user: UnlockedUser };

/** What the session needs from the rest of the device: kept small so it is tested in Node. */
export interface SessionDevice {
	users: DeviceUsers;
	/** Opens (and starts syncing) a person's store; closes whoever was open before. */
	open(user: UnlockedUser): Promise<void>;
	/** Stops sync and closes the open store, if any, once the drafts being written are on disk. */
	close(): Promise<void>;
	/** Anything kept outside a person's database that a wipe of the last person must clear. */
	clearShared(): Promise<void>;
}

export class DeviceSession {
	readonly #device: SessionDevice;
	#view = $state<SessionView>({ kind: 'starting' });

	constructor(device: SessionDevice) {
		this.#device = device;
	}

	get view(): SessionView {
		return this.#view;
	}

	/** The unlocked person, if any. */
	get user(): UnlockedUser | null {
		return this.#view.kind === 'unlocked' ? this.#view.user : null;
	}

	/** After a page load the key is gone from memory: everyone who can unlock here is offered. */
	async start(): Promise<void> {
		await this.#showLocked();
	}

	/**
	 * After an online sign-in by someone other than the unlocked person: whoever was open is locked,
	 * and the new person chooses the PIN or passphrase that opens their own store.
	 */
	async signedIn(info: SessionInfo): Promise<void> {
		const user = this.user;
		// The screens go first, so their forms write what was typed before the store closes.
		this.#view = { kind: 'choose-secret', info };
		await this.#device.close();
		if (user) this.#device.users.lock(user.staffId);
	}

	/** The sign-in's session, seen while this person is unlocked: their offline grant runs on. */
	async renewed(info: SessionInfo): Promise<void> {
		const user = this.user;
		if (user?.staffId !== info.staff.id) return;
		await this.#device.users.renewGrant(user.staffId, info.expiresAt);
	}

	async chooseSecret(info: SessionInfo, secret: UnlockSecret): Promise<void> {
		const { staff } = info;
		const person = {
			staffId: staff.id,
			username: staff.username,
			displayName: staff.displayName,
			role: staff.role,
			areaIds: staff.areaIds
		};
		await this.#device.close();
		const { user } = await this.#device.users.enrol(person, secret, info.expiresAt);
		await this.#unlocked(user);
	}

	/** Tries a PIN or passphrase; the screens say what the result means. */
	async unlock(staffId: string, secret: string): Promise<UnlockResult> {
		const person = await this.#device.users.get(staffId);
		const result = await this.#device.users.unlock(staffId, secret);
		if (result.status === 'unlocked') await this.#unlocked(result.user);
		else if (result.status === 'wiped')
			await this.#afterWipe(
				`Too many wrong tries: ${person?.displayName ?? 'that person'}'s work was removed from this device. Sign in with your password to start again.`
			);
		return result;
	}

	/** Locks: the key leaves memory and the store closes; the person's PIN opens it again. */
	async lock(note?: string): Promise<void> {
		const user = this.user;
		// The screens go first, so their forms write what was typed before the store closes.
		await this.#showLocked(note);
		await this.#device.close();
		if (user) this.#device.users.lock(user.staffId);
	}

	/**
	 * Removes a person and everything of theirs from this device: signing out, or their account
	 * disabled on the server. When nobody is left, what the device shares goes too.
	 */
	async remove(staffId: string, reason: WipeReason, note?: string): Promise<void> {
		if (this.user?.staffId === staffId) await this.#device.close();
		await this.#device.users.wipe(staffId, reason);
		await this.#afterWipe(note);
	}

	async #unlocked(user: UnlockedUser): Promise<void> {
		await this.#device.open(user);
		this.#view = { kind: 'unlocked', user };
		// For bench:map: screens opened after an unlock are timed from it, not from the PIN typing.
		globalThis.performance?.mark?.('fellside:unlocked');
	}

	async #afterWipe(note?: string): Promise<void> {
		const users = await this.#device.users.list();
		if (users.length === 0) await this.#device.clearShared();
		await this.#showLocked(note);
	}

	async #showLocked(note?: string): Promise<void> {
		const users = await this.#device.users.list();
		this.#view = users.length === 0 ? { kind: 'signed-out', note } : { kind: 'locked', users, note };
	}
}
