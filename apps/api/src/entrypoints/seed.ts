import { loadConfig, ConfigError } from '../config';
import { createDb } from '../db/client';
import { seedDemo } from '../modules/seed/seed.service';
import { demoSeedSteps } from '../modules/seed/demo-steps';

// Idempotent demo data: the operator, "Demo Company" and its people (modules/seed/README.md).
let exitCode = 0;
try {
  const config = loadConfig();
  const handle = createDb({ url: config.DATABASE_URL, poolSize: 2 });
  try {
    const result = await seedDemo({
      db: handle.db,
      config,
      steps: demoSeedSteps,
      log: (m) => console.log(m),
    });
    const created = result.logins.filter((l) => l.created).length;
    console.log(
      created ? `seed: created ${created} account(s)` : 'seed: no new accounts, every login already existed',
    );
    console.log('\nSeeded logins:');
    const width = Math.max(...result.logins.map((l) => l.label.length));
    const emailWidth = Math.max(...result.logins.map((l) => l.email.length));
    for (const l of result.logins)
      console.log(`  ${l.label.padEnd(width)}  ${l.email.padEnd(emailWidth)}  ${l.password}`);
    if (result.failedSteps.length) {
      console.error(`\nseed: demo steps failed: ${result.failedSteps.join(', ')}`);
      exitCode = 1;
    }
  } finally {
    await handle.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `seed failed: ${(e as Error).message}`);
  exitCode = 1;
}
process.exit(exitCode);
