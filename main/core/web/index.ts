/** Public surface of the web module: the window's CSP, origin and link rules, and how its files are served. */
export * from './rules.js';
export * from './files.js';
