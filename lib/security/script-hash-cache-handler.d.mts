// Types of script-hash-cache-handler.mjs (plain JavaScript: Next loads it itself at run time).
export declare const SCRIPT_POLICY_HEADER: "content-security-policy";
export declare function scriptSourcesFor(html: string): { sources: string[]; unknown: string[] };
export declare function cachedPageHeadersFor(html: string): {
  headers: Record<string, string>;
  unknown: string[];
};
declare const ScriptHashCacheHandler: new (...args: never[]) => object;
export default ScriptHashCacheHandler;
