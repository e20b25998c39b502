// Shapes of Assignment and Grade Services 2.0 data (§3.2 line items, §3.4 results, §3.3 scores): what we
// accept from platforms (lenient where real platforms differ: numbers for ids, "" for absent text) and
// what we check before sending (strict, so a bad score is a 400 here rather than a puzzle at the LMS).
import { z } from 'zod';

export type LineItem = {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  resourceLinkId?: string;
  tag?: string;
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
};

export type NewLineItem = Omit<LineItem, 'id'>;

export const activityProgressValues = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
export const gradingProgressValues = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;

export type ScoreInput = {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  activityProgress: (typeof activityProgressValues)[number];
  gradingProgress: (typeof gradingProgressValues)[number];
  /** When the score was set; defaults to now. Platforms ignore scores older than the one they hold. */
  timestamp?: Date;
};

export type GradeResult = {
  id: string;
  scoreOf: string;
  userId: string;
  resultScore?: number;
  resultMaximum?: number;
  comment?: string;
};

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

export const lineItemSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  scoreMaximum: z.coerce.number().positive(),
  resourceId: optionalText,
  resourceLinkId: optionalText,
  tag: optionalText,
  startDateTime: optionalText,
  endDateTime: optionalText,
  gradesReleased: z.boolean().optional(),
}) satisfies z.ZodType<LineItem>;

export const lineItemContainerSchema = z.array(lineItemSchema);

export const resultSchema = z.object({
  id: z.string().min(1),
  scoreOf: z.string(),
  userId: z.union([z.string().min(1), z.number()]).transform(String),
  resultScore: optionalNumber,
  resultMaximum: optionalNumber,
  comment: optionalText,
}) satisfies z.ZodType<GradeResult>;

export const resultContainerSchema = z.array(resultSchema);

const isoDateTime = z.iso.datetime({ offset: true });

export const newLineItemInput = z.object({
  label: z.string().trim().min(1, 'a line item needs a label').max(255),
  scoreMaximum: z.number().positive().finite(),
  resourceId: z.string().max(255).optional(),
  resourceLinkId: z.string().max(255).optional(),
  tag: z.string().max(255).optional(),
  startDateTime: isoDateTime.optional(),
  endDateTime: isoDateTime.optional(),
  gradesReleased: z.boolean().optional(),
});

export const scoreInput = z
  .object({
    userId: z.string().min(1, 'a score needs the platform user id'),
    scoreGiven: z.number().min(0).finite().optional(),
    scoreMaximum: z.number().positive().finite().optional(),
    comment: z.string().max(10_000).optional(),
    activityProgress: z.enum(activityProgressValues),
    gradingProgress: z.enum(gradingProgressValues),
    timestamp: z.date().optional(),
  })
  // AGS 2.0 §3.3.4: scoreMaximum must accompany scoreGiven.
  .refine((s) => s.scoreGiven === undefined || s.scoreMaximum !== undefined, { message: 'scoreMaximum is required with scoreGiven', path: ['scoreMaximum'] });
