// Errors of the LTI Advantage service clients. Each has a stable code; the status is what Luento answers
// when the failure surfaces in a request: 504 when the platform was too slow, 502 for anything else the
// platform did wrong (down, refused, answered nonsense). Details name the URL and the platform's answer
// so that an LMS admin can act on the log line.
import { AppError, type ErrorDetails } from '../../http/errors.js';

export const ltiServiceErrorCodes = [
  'lti_token_unreachable',
  'lti_token_timeout',
  'lti_token_rejected',
  'lti_token_invalid_response',
  'lti_signing_key_unavailable',
  'lti_service_unreachable',
  'lti_service_timeout',
  'lti_service_rejected',
  'lti_service_invalid_response',
  'lti_scope_not_granted',
] as const;

export type LtiServiceErrorCode = (typeof ltiServiceErrorCodes)[number];

const statusOf = (code: LtiServiceErrorCode): number => (code.endsWith('_timeout') ? 504 : 502);

export class LtiServiceError extends AppError {
  declare readonly code: LtiServiceErrorCode;

  constructor(code: LtiServiceErrorCode, message: string, details?: ErrorDetails) {
    super(code, statusOf(code), message, undefined, details);
  }
}
