import { describe, expect, it } from 'vitest';
import { credentialCaption } from '../../../../shared/format/credential-caption';
import { formatDateTime } from '../../../../shared/format/time';

const EXPORTED = Date.UTC(2026, 10, 20, 9, 30);

describe('the line under an account’s credential state', () => {
  it('explains a reused refresh token after an export instead of showing the bare code', () => {
    const caption = credentialCaption({
      credentialState: 'reauth_required',
      credentialReason: 'refresh_token_reused',
      lastExportAt: EXPORTED,
      handedOffAt: null,
    });
    expect(caption).toEqual({
      text: `Probably used elsewhere after the export on ${formatDateTime(EXPORTED)}`,
      hint: `Probably used elsewhere after the export on ${formatDateTime(EXPORTED)} (refresh_token_reused).`,
      code: false,
    });
  });

  it('shows the code for a reused token with no export behind it, and for other reasons', () => {
    const row = { credentialState: 'reauth_required' as const, lastExportAt: null, handedOffAt: null };
    expect(credentialCaption({ ...row, credentialReason: 'refresh_token_reused' })).toMatchObject({
      text: 'reauth_required: refresh_token_reused',
      code: true,
    });
    expect(
      credentialCaption({ ...row, credentialReason: 'refresh_token_expired', lastExportAt: EXPORTED }),
    ).toMatchObject({ text: 'reauth_required: refresh_token_expired', hint: 'the refresh token expired' });
  });

  it('says since when a handed-over account is handed over, and nothing for a ready one', () => {
    expect(
      credentialCaption({
        credentialState: 'handed_off',
        credentialReason: null,
        lastExportAt: EXPORTED,
        handedOffAt: EXPORTED,
      }),
    ).toMatchObject({ text: `Handed over on ${formatDateTime(EXPORTED)}`, code: false });
    expect(
      credentialCaption({
        credentialState: 'ready',
        credentialReason: null,
        lastExportAt: EXPORTED,
        handedOffAt: null,
      }),
    ).toBeNull();
  });
});
