export * from './errors';
export * from './fields';
export * from './lifecycle';
export { formatPhone, normalisePhone } from './phone';
export { normalisePostcode } from './postcode';
