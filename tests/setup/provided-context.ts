// Values the global setup hands to every test worker through vitest's provide/inject.
declare module "vitest" {
  // Augmenting vitest's ProvidedContext needs declaration merging, which only `interface` does.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    /** URL of the server's maintenance database; the setup file creates databases through it. */
    testDatabaseServerUrl: string;
    /** The migrated database every test file's database is cloned from. */
    testDatabaseTemplate: string;
  }
}

export {};
