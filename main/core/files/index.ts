/** Public surface of the files module: bounded, non-blocking reads of user-named files, one writer at a time. */
export * from './bounded-read.js';
export { serialQueue } from './serial.js';
export { parseJsonText } from './json.js';
