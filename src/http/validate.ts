import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses untrusted input with a zod schema; a failure becomes a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })));
}
