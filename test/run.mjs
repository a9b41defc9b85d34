// npm test: lint (eslint, prettier, knip), typecheck, build, unit + integration (vitest), e2e (Playwright in Chromium).
// Ends with one line "N passed, N failed" (checks count one each, tests one each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNode22 } from '../scripts/ensure-node.mjs';
import { runInKeyringSession } from '../scripts/keyring-session.mjs';

ensureNode22();
const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'test-results');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

runInKeyringSession();

mkdirSync(RESULTS, { recursive: true });
let passed = 0;
let failed = 0;

function step(label, command, args) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = step(label, command, args);
  if (ok) passed++;
  else failed++;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('formatting (prettier)', bin('prettier'), ['--check', '.']);
check('unused code (knip)', bin('knip'), []);
check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']);
const built = check('build', process.execPath, [
  join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
  'build',
  '--logLevel',
  'warn',
]);

const unitJson = join(RESULTS, 'unit-results.json');
rmSync(unitJson, { force: true });
const unitOk = step('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
const unit = readJson(unitJson);
if (unit) {
  passed += unit.numPassedTests;
  // A suite that fails to load fails the run without failing a test: count it once.
  failed += unit.numFailedTests + (!unitOk && unit.numFailedTests === 0 ? 1 : 0);
} else failed++;

const e2eJson = join(RESULTS, 'e2e-results.json');
rmSync(e2eJson, { force: true });
if (built) {
  step('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']);
  const e2e = readJson(e2eJson);
  if (e2e && existsSync(e2eJson)) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
    if (e2e.errors?.length) failed += e2e.errors.length;
  } else failed++;
} else failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
