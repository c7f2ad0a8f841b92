import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isPortFree } from './ports';

const ignored = new Set(['node_modules', '.next', 'test-results']);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (ignored.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/**
 * Next writes the /api rewrite target into the build, so a build only serves an API on the port
 * it was built for. The marker is the quick start's (scripts/quickstart.mjs), so either may reuse
 * the other's build.
 */
export function readBuild(root: string) {
  const webDir = path.join(root, 'apps/web');
  const buildId = path.join(webDir, '.next', 'BUILD_ID');
  const marker = path.join(webDir, '.next', 'switchboard-build.json');
  const builtFor = existsSync(marker)
    ? Number((JSON.parse(readFileSync(marker, 'utf8')) as { API_PORT?: string }).API_PORT) || null
    : null;
  const sources = Math.max(
    newestMtime(path.join(webDir, 'src')),
    newestMtime(path.join(webDir, 'next.config.ts')),
    newestMtime(path.join(webDir, 'package.json')),
    newestMtime(path.join(root, 'packages/contracts/src')),
  );
  const fresh = existsSync(buildId) && statSync(buildId).mtimeMs >= sources;
  return {
    webDir,
    builtFor,
    fresh,
    markBuilt: (apiPort: number) => writeFileSync(marker, JSON.stringify({ API_PORT: String(apiPort) })),
  };
}

/** The API port to use: the fresh build's own port when it is free (no rebuild), else `fallback`. */
export async function choosePort(build: ReturnType<typeof readBuild>, fallback: () => Promise<number>) {
  if (build.fresh && build.builtFor && (await isPortFree(build.builtFor))) {
    return { apiPort: build.builtFor, rebuild: false };
  }
  return { apiPort: await fallback(), rebuild: true };
}
