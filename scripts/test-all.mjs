#!/usr/bin/env node
// `npm test`: vitest in every workspace with a test script, then Playwright, one summary line at the end: `N passed, N failed`.
// Lint and type checks are their own scripts (`npm run lint`, `npm run typecheck`); .ci/run runs all three.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portAnswers } from './lib/database.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(path.join(tmpdir(), 'switchboard-tests-'));

function run(command, args, { cwd = root, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(err.message);
      resolve(1);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Vitest: counts from its JSON report. A file that fails outside any test (a beforeAll that
 * throws, the T8 audit in afterAll) counts as one failure, so a red run never prints 0 failed.
 */
async function vitest(label, cwd) {
  const out = path.join(reports, `${label}.json`);
  const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const code = await run(
    process.execPath,
    [
      vitestBin,
      'run',
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { cwd },
  );
  const report = readJson(out);
  if (!report) return { label, code, passed: 0, failed: code === 0 ? 0 : 1 };
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((t) => t.status === 'failed');
    if (file.status === 'failed' && !failedInside) failed += 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  return { label, code, passed: report.numPassedTests ?? 0, failed };
}

/** Playwright: counts from its JSON report (`expected` passed, `unexpected` failed, `flaky` passed on retry). */
async function playwright() {
  if (!existsSync(path.join(root, 'e2e', 'playwright.config.ts'))) {
    console.log('\ne2e: skipped, e2e/playwright.config.ts does not exist yet');
    return { label: 'e2e', code: 0, passed: 0, failed: 0 };
  }
  const out = path.join(reports, 'e2e.json');
  const code = await run('npm', ['run', 'test:e2e', '--', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  const stats = readJson(out)?.stats;
  if (!stats) return { label: 'e2e', code, passed: 0, failed: code === 0 ? 0 : 1 };
  let failed = stats.unexpected ?? 0;
  if (code !== 0 && failed === 0) failed = 1;
  return { label: 'e2e', code, passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed };
}

/** Workspaces with a `test` script, in the order of the root package.json (contracts, api, web). */
function testedWorkspaces() {
  const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return rootPkg.workspaces
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => pkg.scripts?.test);
}

const testDb = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mysql');
if (!(await portAnswers(testDb.hostname, Number(testDb.port || 3306)))) {
  console.warn(
    `warning: no database answers at ${testDb.host} (TEST_DATABASE_URL); the API integration tests need MariaDB 10.11+ or MySQL 8 there`,
  );
}

const results = [];
for (const { dir, pkg } of testedWorkspaces()) {
  const label = path.basename(dir);
  console.log(`${results.length ? '\n' : ''}== ${label} (vitest, ${pkg.name})`);
  results.push(await vitest(label, path.join(root, dir)));
}
console.log('\n== e2e (playwright)');
results.push(await playwright());
rmSync(reports, { recursive: true, force: true });

console.log('');
for (const r of results) {
  console.log(
    `${r.label.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.code !== 0 ? ` (exit code ${r.code})` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.code !== 0) || failed > 0 ? 1 : 0);
