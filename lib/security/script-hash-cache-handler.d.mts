// Types of script-hash-cache-handler.mjs (plain JavaScript: Next loads it itself at run time).
export declare const SCRIPT_POLICY_HEADER: "content-security-policy";
export declare function scriptPolicyFor(html: string): { policy: string; unknown: string[] };
declare const ScriptHashCacheHandler: new (...args: never[]) => object;
export default ScriptHashCacheHandler;
