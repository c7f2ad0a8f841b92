import { loadConfig, ConfigError } from '../config';
import { ensureDatabase, migrate } from '../db/migrator';

try {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const result = await migrate(config.DATABASE_URL, (m) => console.log(m));
  console.log(
    result.applied.length
      ? `migrations applied: ${result.applied.length}`
      : `database is up to date (${result.skipped} migrations)`,
  );
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `migrate failed: ${(e as Error).message}`);
  process.exit(1);
}
