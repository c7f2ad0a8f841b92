import { loadConfig, ConfigError } from '../config';
import { createLogger } from '../logger';
import { createContainer } from '../container';
import { formatSyncReport } from '../telephony/provisioning/ara-sync';

/**
 * `npm run ara:sync [-- --dry-run]`: rebuilds Asterisk's realtime rows from Switchboard's
 * endpoints and trunks and prints what it changed. Safe to run any time; a second run prints
 * "no changes".
 */
try {
  const config = loadConfig();
  const dryRun = process.argv.includes('--dry-run');
  const container = createContainer(config, createLogger(config, 'switchboard-ara-sync'));
  try {
    const report = await container.araSync.run({ dryRun });
    console.log((dryRun ? '(dry run) ' : '') + formatSyncReport(report));
  } finally {
    await container.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `ara:sync failed: ${(e as Error).message}`);
  process.exit(1);
}
