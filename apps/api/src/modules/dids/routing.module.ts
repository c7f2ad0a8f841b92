import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import { createDestinationsRepository } from './destinations.repository';
import { createDestinationsService } from './destinations.service';
import { createOutboundPolicyService } from '../outbound/outbound.service';
import { createDidsRepository } from './dids.repository';
import { createDidsService } from './dids.service';
import { didsRoutes } from './dids.routes';
import { createQueuesRepository } from '../queues/queues.repository';
import { createQueuesService } from '../queues/queues.service';
import { createQueueMembersService } from '../queues/queue-members.service';
import { createPauseReasonsRepository } from '../queues/pause-reasons.repository';
import { createPauseReasonsService } from '../queues/pause-reasons.service';
import { createSchedulesRepository } from '../schedules/schedules.repository';
import { createSchedulesService } from '../schedules/schedules.service';
import { createAudioRepository } from '../audio/audio.repository';
import { createAudioService } from '../audio/audio.service';
import { createLocalFileStorage } from '../audio/audio-storage';
import { audioRoutes } from '../audio/audio.routes';
import { createIvrMenusRepository } from '../ivr/ivr-menus.repository';
import { createIvrMenusService } from '../ivr/ivr-menus.service';
import { ivrMenusRoutes } from '../ivr/ivr-menus.routes';
import { queuesRoutes } from '../queues/queues.routes';
import { pauseReasonsRoutes } from '../queues/pause-reasons.routes';
import { schedulesRoutes } from '../schedules/schedules.routes';

/**
 * Call routing configuration: destinations, DIDs, queues and members, pause reasons, IVR menus,
 * schedules and audio prompts. The container spreads these services into itself; the call
 * router (issue 5) reads the same repositories.
 */
export function createRoutingModule(deps: { db: Database; audit: AuditService; clock: Clock; config: Config }) {
  const { db, audit, clock, config } = deps;
  const destinations = createDestinationsService({
    repo: createDestinationsRepository(db),
    outbound: createOutboundPolicyService({ db, clock }),
  });
  const queuesRepo = createQueuesRepository(db);
  const base = { db, audit, clock };
  return {
    destinations,
    dids: createDidsService({ ...base, repo: createDidsRepository(db), destinations }),
    queues: createQueuesService({ ...base, repo: queuesRepo, destinations }),
    queueMembers: createQueueMembersService({ ...base, repo: queuesRepo }),
    pauseReasons: createPauseReasonsService({ ...base, repo: createPauseReasonsRepository(db) }),
    ivrMenus: createIvrMenusService({ ...base, repo: createIvrMenusRepository(db), destinations }),
    schedules: createSchedulesService({ ...base, repo: createSchedulesRepository(db) }),
    audio: createAudioService({ ...base, repo: createAudioRepository(db), storage: createLocalFileStorage(config.STORAGE_DIR) }),
  };
}

/** Route plugins of the routing module, registered by app.ts. */
export const routingRoutes = [didsRoutes, queuesRoutes, pauseReasonsRoutes, ivrMenusRoutes, schedulesRoutes, audioRoutes] as const;
