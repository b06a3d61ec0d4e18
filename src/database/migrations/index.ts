import { Initial1763856000000 } from './1763856000000-initial.js';
import { AuditChain1763942400000 } from './1763942400000-audit-chain.js';
import { SigningAuthority1764028800000 } from './1764028800000-signing-authority.js';
import { Registers1764115200000 } from './1764115200000-registers.js';
import { ReadPaths1764201600000 } from './1764201600000-read-paths.js';
import { RouteVersions1764288000000 } from './1764288000000-route-versions.js';
import { Handovers1764374400000 } from './1764374400000-handovers.js';
import { TaskTimers1764460800000 } from './1764460800000-task-timers.js';
import { Consultation1764547200000 } from './1764547200000-consultation.js';
import { Distribution1764633600000 } from './1764633600000-distribution.js';
import { Attachments1764720000000 } from './1764720000000-attachments.js';
import { Signing1764806400000 } from './1764806400000-signing.js';
import { IssuedRevision1764892800000 } from './1764892800000-issued-revision.js';
import { Hardening1764979200000 } from './1764979200000-hardening.js';
import { DocumentTasks1765065600000 } from './1765065600000-document-tasks.js';

/** Every migration, in order. Listed explicitly (no glob) so that dist/, ts-jest and scripts load the same set. */
export const MIGRATIONS = [Initial1763856000000, AuditChain1763942400000, SigningAuthority1764028800000, Registers1764115200000, ReadPaths1764201600000, RouteVersions1764288000000, Handovers1764374400000, TaskTimers1764460800000, Consultation1764547200000, Distribution1764633600000, Attachments1764720000000, Signing1764806400000, IssuedRevision1764892800000, Hardening1764979200000, DocumentTasks1765065600000];
