import { refusal, type Refusal } from '../api/refusal';

/**
 * The one answer a disabled account gets, at sign-in and at any later contact with an old
 * session. Its code tells the device to remove everything it holds for that person (S12).
 */
export const accountDisabled = (): Refusal =>
	refusal(
		403,
		'account-disabled',
		'This account has been disabled. Its work on this device is removed. Ask an administrator if you need it again.'
	);
