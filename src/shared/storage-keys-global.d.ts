// `STORAGE_KEYS.<name>` in browser code: written in as a string by the build (storage-keys.ts).
declare const STORAGE_KEYS: import('./storage-keys.ts').StorageKeys;
