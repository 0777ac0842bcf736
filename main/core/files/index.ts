/** Public surface of the files module: bounded, non-blocking reads of user-named files. */
export * from './bounded-read.js';
