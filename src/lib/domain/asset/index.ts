// The community asset record's public API. Test data lives in `./fixtures`, imported directly.
export * from './schema';
export * from './schedule';
export * from './labels';
export * from './lifecycle';
export * from './rules';
export { formatLongDate } from '../common/dates';
