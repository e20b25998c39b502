// Why a launch was refused. Each reason has a stable code (logged), an HTTP status, and a translated
// message that says what was wrong and what the LMS admin should check.
import { AppError } from '../http/errors.js';
import type { MessageKey } from '../i18n/catalog.js';

export const launchRefusals = {
  token_missing: 400,
  token_too_large: 413,
  token_malformed: 400,
  alg_not_allowed: 401,
  unknown_kid: 401,
  bad_signature: 401,
  jwks_unavailable: 424,
  unknown_issuer: 403,
  platform_not_active: 403,
  consumer_key_aud: 401,
  wrong_audience: 401,
  wrong_azp: 401,
  token_expired: 401,
  token_from_future: 401,
  nonce_invalid: 401,
  state_invalid: 401,
  token_replayed: 401,
  deployment_unknown: 403,
  deployment_disabled: 403,
  message_type_unsupported: 400,
  version_unsupported: 400,
  claims_invalid: 400,
  login_params_invalid: 400,
  embed_token_invalid: 403,
  storage_check_failed: 401,
  // A site admin disabled the account (issue 7); the refusal page names the support contact.
  user_disabled: 403,
} as const;

export type LaunchRefusal = keyof typeof launchRefusals;

export class LaunchRefusedError extends AppError {
  constructor(
    readonly reason: LaunchRefusal,
    message: string,
  ) {
    super(reason, launchRefusals[reason], message, `lti.refused.${reason}` as MessageKey, { reason });
  }
}
