import { userInfo } from 'node:os';
import type { InviteFilters, OperatorProfile, RuntimeSetting, Settings, Theme } from '../../../shared/contract';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Db } from '../db/open-database';
import { writeTransaction } from '../db/write-transaction';
import type { EventBus } from '../events/event-bus';
import type { SettingsStore } from './settings-store';

const OPERATOR = 'operator';
const APPEARANCE = 'appearance';
const INVITE_FILTERS = 'ui.invite-filters';

export interface SettingsService {
  get(): Settings;
  updateOperator(profile: OperatorProfile): Settings;
  updateAppearance(theme: Theme): Settings;
  updateInviteFilters(filters: InviteFilters): Settings;
  /** Who "the operator" is for audit entries and `created_by`. */
  operatorActor(): Actor;
}

function osUserName(): string {
  try {
    return userInfo().username || 'Operator';
  } catch {
    return 'Operator';
  }
}

export function createSettingsService(deps: {
  db: Db;
  store: SettingsStore;
  audit: AuditLog;
  events: EventBus;
  runtime: () => RuntimeSetting[];
  smtpConfigured: () => boolean;
}): SettingsService {
  const { db, store, audit, events, runtime, smtpConfigured } = deps;
  const suggestedDisplayName = osUserName();

  function get(): Settings {
    return {
      operator: store.read<OperatorProfile>(OPERATOR),
      suggestedDisplayName,
      theme: store.read<{ theme: Theme }>(APPEARANCE)?.theme ?? 'system',
      runtime: runtime(),
      inviteFilters: store.read<InviteFilters>(INVITE_FILTERS) ?? {},
      smtpConfigured: smtpConfigured(),
    };
  }

  return {
    get,
    updateOperator(profile) {
      const previous = store.read<OperatorProfile>(OPERATOR);
      if (previous?.displayName === profile.displayName && previous.email === profile.email) return get();
      const auditId = writeTransaction(db, () => {
        store.write(OPERATOR, profile);
        const changes: Record<string, { from: string | null; to: string }> = {};
        for (const field of ['displayName', 'email'] as const) {
          if (previous?.[field] !== profile[field])
            changes[field] = { from: previous?.[field] ?? null, to: profile[field] };
        }
        return audit.record({
          actor: { kind: 'operator', name: profile.displayName },
          action: 'settings.changed',
          targetType: 'settings',
          targetId: OPERATOR,
          poolId: null,
          details: { section: OPERATOR, changes },
        });
      });
      events.emit({ name: 'settings.changed', payload: {} });
      events.emit({ name: 'audit.appended', payload: { id: auditId } });
      return get();
    },
    // A personal view preference, not an administrative change: stored, not audited.
    updateAppearance(theme) {
      store.write(APPEARANCE, { theme });
      events.emit({ name: 'settings.changed', payload: {} });
      return get();
    },
    // A view preference, like the theme. Not broadcast: each window keeps its own filters live
    // and only restores the saved ones at start.
    updateInviteFilters(filters) {
      store.write(INVITE_FILTERS, filters);
      return get();
    },
    operatorActor() {
      return { kind: 'operator', name: store.read<OperatorProfile>(OPERATOR)?.displayName ?? suggestedDisplayName };
    },
  };
}
