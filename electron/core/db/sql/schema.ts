import type { Generated } from 'kysely';

/**
 * The tables as both databases hold them (SQLite's migrations, PostgreSQL's baseline): integers
 * are JS numbers (PostgreSQL's BIGINT is read as one: every value here is a millisecond time, a
 * count or a sequence far below 2^53), flags are 0/1, sealed values and digests are Buffers.
 */
export interface Schema {
  settings: { key: string; value: string; updated_at: number };
  secrets: { name: string; value: Buffer; updated_at: number };
  pools: {
    id: string;
    name: string;
    name_key: string;
    slug: string;
    status: string;
    created_by: string;
    created_at: number;
    updated_at: number;
  };
  audit_events: {
    id: Generated<number>;
    occurred_at: number;
    actor_kind: string;
    actor_name: string;
    action: string;
    target_type: string;
    target_id: string | null;
    pool_id: string | null;
    details: Generated<string>;
  };
  invites: {
    seq: Generated<number>;
    id: string;
    kind: Generated<string>;
    pool_id: string;
    email: string;
    token_hash: Buffer;
    status: string;
    ttl_seconds: number;
    created_at: number;
    created_by: string;
    expires_at: number;
    accepted_at: number | null;
    accepted_by_email: string | null;
    upstream_id: string | null;
    revoked_at: number | null;
    revoked_by: string | null;
    email_requested: Generated<number>;
    email_sent_at: number | null;
    email_error: string | null;
    reissued_count: Generated<number>;
    last_reissued_at: number | null;
    link_base: string | null;
  };
  upstreams: {
    id: string;
    chatgpt_account_id: string;
    chatgpt_user_id: string;
    email: string;
    plan_type: string | null;
    credential_state: string;
    credential_reason: string | null;
    access_token: Buffer | null;
    refresh_token: Buffer | null;
    id_token: Buffer | null;
    access_token_expires_at: number | null;
    last_refresh_at: number | null;
    created_at: number;
    updated_at: number;
    refresh_started_at: number | null;
    refresh_failures: Generated<number>;
    next_refresh_at: number | null;
    handed_off_at: number | null;
    tokens_exported_at: number | null;
  };
  upstream_pools: { upstream_id: string; pool_id: string; joined_at: number };
  upstream_quota: {
    upstream_id: string;
    windows: Generated<string>;
    limit_reached: Generated<number>;
    observed_at: number | null;
    checked_at: number;
    error: string | null;
    next_probe_at: number;
  };
  upstream_lineage: {
    seq: Generated<number>;
    upstream_id: string;
    event: string;
    invite_id: string | null;
    actor: string;
    at: number;
  };
  onboarding_sessions: {
    id: string;
    invite_id: string;
    token_hash: Buffer;
    state: string;
    device: Buffer | null;
    verification_url: string;
    interval_seconds: number;
    deadline_at: number;
    next_poll_at: number | null;
    transient_failures: Generated<number>;
    failure: string | null;
    account_email: string | null;
    created_at: number;
    updated_at: number;
  };
  browser_attempts: {
    invite_id: string;
    token_hash: Buffer;
    state_hash: Buffer;
    verifier: Buffer;
    status: string;
    created_at: number;
    expires_at: number;
  };
  operators: {
    id: string;
    email: string;
    role: string;
    pool_ids: Generated<string>;
    password_hash: string | null;
    totp_secret: Buffer | null;
    totp_last_step: number | null;
    recovery_codes: Generated<string>;
    failed_sign_ins: Generated<number>;
    locked_until: number | null;
    enrolled_at: number | null;
    revoked_at: number | null;
    created_at: number;
    updated_at: number;
  };
  operator_enrolments: {
    token_hash: Buffer;
    operator_id: string;
    pending_totp: Buffer | null;
    expires_at: number;
    used_at: number | null;
    created_at: number;
  };
  operator_sessions: {
    token_hash: Buffer;
    operator_id: string;
    created_at: number;
    last_seen_at: number;
    revoked_at: number | null;
  };
}
