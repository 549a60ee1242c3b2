/** Defaults for demo data. `now` is fixed so the output never depends on the clock. */
export const DEFAULT_SEED = 'fellside-demo';
export const DEFAULT_SIZE = 400;
export const DEFAULT_NOW = '2026-11-01T09:00:00.000Z';

/** Every demo account shares this password; the accounts exist only in demo data. */
export const DEMO_PASSWORD = 'fellside-demo';
