import type { GlanceSummary } from './alerts/glance';
import type { RuntimeConfig } from './config';
import type { EventListener } from './events/event-bus';
import type { Logger } from './log/logger';
import type { OperatorsService } from './operators/operators-service';
import type { Dispatch } from './rpc/dispatch';

/** What a shell holds of the core: one door in (`dispatch`), the events out, and its lifecycle. */
export interface Core {
  /** Validates, runs and answers one contract call; every shell goes through here. */
  dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  /** How many events were announced so far (a browser tab compares its reads with its stream's). */
  eventsEmitted(): number;
  /** The invite-link listener: the shells start it once they are up; `status` says whether it listens. */
  onboarding: { start(): Promise<unknown>; status(): { listeningOn: string | null; message: string | null } };
  runtime: RuntimeConfig;
  /** Per active Pool: ready accounts, total, soonest 5-hour reset; and how many accounts need relinking (the tray). */
  glance: { current(): GlanceSummary; subscribe(listener: (glance: GlanceSummary) => void): () => void };
  logger: Logger;
  /** A team server's operators: enrolment, sign-in, sessions (the desktop console has none). */
  operators: OperatorsService;
  /** Whether the database answers now (a team server's readiness: PostgreSQL may be away). */
  databaseAnswers(): Promise<boolean>;
  /** Stops the listener, polling and background jobs, then closes the database. */
  close(): Promise<void>;
}
