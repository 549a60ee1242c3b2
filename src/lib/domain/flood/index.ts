/**
 * Community flood groups: the group and its plan, its contacts and households (separate records that
 * point to the group), the call tree, and call-tree activations during an event. Example data lives
 * in `./fixtures`, kept out of here so it never reaches the app bundle.
 */
export * from './activation';
export * from './cascade';
export * from './contact';
export { addMonths, formatLongDate } from '../common/dates';
export * from './group';
export * from './household';
export * from './rules';
