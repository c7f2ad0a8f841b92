import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { createAraRepository } from './ara.repository';
import { createAraSync, type AraSource } from './ara-sync';
import { createNamespaceRepository } from './namespace.repository';
import { createProvisioningService } from './provisioning.service';
import { createSecretBox } from './secret-box';

/** Builds the provisioning pieces the container hands to the endpoint and trunk services. */
export function createTelephonyProvisioning(deps: { db: Database; config: Config; clock: Clock }) {
  const ara = createAraRepository();
  const namespaces = createNamespaceRepository();
  const provisioning = createProvisioningService({ ara, namespaces, clock: deps.clock });
  const secrets = createSecretBox(deps.config.SECRETS_KEY ?? deps.config.JWT_SECRET);
  const syncWith = (sources: AraSource[]) => createAraSync({ db: deps.db, ara, namespaces, sources });
  return { provisioning, secrets, syncWith };
}
