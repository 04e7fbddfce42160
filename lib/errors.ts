/** Errors the domain throws on purpose; pages, actions and routes turn them into answers. */
export const ErrorCode = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  ILLEGAL_TRANSITION: 409,
} as const;

export type TErrorCode = keyof typeof ErrorCode;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: unknown;

  constructor(code: TErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ErrorCode[this.code];
  }
}

export function isAppError(error: unknown, code?: TErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
