// Why a direct sign-in was refused. Each reason has a stable code (logged and audited), an HTTP status,
// and a message a person understands; reasons that need the same advice share one message.
import { AppError } from '../../http/errors.js';
import type { MessageKey } from '../../i18n/catalog.js';

export const signInRefusals = {
  not_configured: { status: 404, message: 'signin.refused.notConfigured' },
  return_path_invalid: { status: 400, message: 'signin.refused.returnPath' },
  // The browser's side of the login does not match: start again.
  transaction_missing: { status: 400, message: 'signin.refused.restart' },
  transaction_invalid: { status: 400, message: 'signin.refused.restart' },
  transaction_expired: { status: 400, message: 'signin.refused.restart' },
  state_mismatch: { status: 400, message: 'signin.refused.restart' },
  callback_invalid: { status: 400, message: 'signin.refused.restart' },
  // The IdP refused the code (already used, expired, or not ours): a replayed callback lands here.
  code_rejected: { status: 400, message: 'signin.refused.restart' },
  // The IdP answered the browser with an error (the person cancelled, or the IdP refused them).
  idp_denied: { status: 403, message: 'signin.refused.idpDenied' },
  id_token_invalid: { status: 401, message: 'signin.refused.tokenInvalid' },
  claims_invalid: { status: 401, message: 'signin.refused.tokenInvalid' },
  not_staff: { status: 403, message: 'signin.refused.notStaff' },
  user_disabled: { status: 403, message: 'access.disabled.message' },
  idp_unavailable: { status: 503, message: 'signin.refused.idpUnavailable' },
  idp_misconfigured: { status: 502, message: 'signin.refused.idpMisconfigured' },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type SignInRefusal = keyof typeof signInRefusals;

/** What the audit trail may know of the person behind a refused sign-in. */
export type RefusedWho = { userId?: string; sub?: string; email?: string; locale?: string };

export class SignInRefusedError extends AppError {
  constructor(
    readonly reason: SignInRefusal,
    message: string,
    readonly who: RefusedWho = {},
    options?: { cause?: unknown },
  ) {
    super(reason, signInRefusals[reason].status, message, signInRefusals[reason].message, { reason });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
