// Stands in for `server-only` under vitest: the real package throws outside React Server
// Components, but tests call server modules directly on purpose.
export {};
