// Entry point of the end-to-end suite (`node --test e2e.test.mjs`, called by
// run.sh). One demo server and one Chromium serve every journey; each
// module in journeys/ (loaded in name order) registers its own tests.

import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { pathToFileURL } from 'node:url';

import { E2E_DIR, setup, teardown } from './lib/harness.mjs';

const dir = path.join(E2E_DIR, 'journeys');
const only = process.env.E2E_JOURNEYS ? new RegExp(process.env.E2E_JOURNEYS) : null;
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && (!only || only.test(f)))
  .sort();
const journeys = await Promise.all(files.map((f) => import(pathToFileURL(path.join(dir, f)).href)));

describe('Kundenportal in headless Chromium', { concurrency: 1 }, () => {
  before(setup, { timeout: 180_000 });
  after(teardown, { timeout: 60_000 });
  for (const journey of journeys) journey.default();
});
