// Settings of media storage, processing, uploads, speech recognition and mail. config.ts composes this shape
// into the one environment schema; nothing here reads process.env.
import path from 'node:path';
import { z } from 'zod';

/** true/false, 1/0, yes/no, on/off, as operators write them in .env files. */
export const envBool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const GIB = 1024 ** 3;

export const mediaEnvShape = {
  // The system PATH, searched for ffmpeg, ffprobe and pocketsphinx when no explicit path is set.
  PATH: z.string().optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_LOCAL_ROOT: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: envBool.default(true),
  S3_KEY_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_.=+@,-]+\/)*$/, 'must be empty or a folder path ending in /')
    .default(''),
  S3_PUBLIC_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_PART_SIZE_MB: z.coerce.number().int().min(5).max(5000).default(16),
  MEDIA_MIN_DURATION_SECONDS: z.coerce.number().min(0).max(60).default(0.1),
  MEDIA_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  MEDIA_ACCEL_REDIRECT_PREFIX: z
    .string()
    .regex(/^\/[A-Za-z0-9_/-]*\/$/, 'must be an internal nginx location such as /_luento_media/')
    .optional(),
  MEDIA_MEMORY_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(128),
  UPLOAD_MAX_GIB: z.coerce.number().positive().max(1024).default(20),
  UPLOAD_QUOTA_GIB: z.coerce.number().positive().max(100_000).default(200),
  UPLOAD_ABANDON_HOURS: z.coerce.number().positive().max(24 * 365).default(48),
  MEDIA_WORK_DIR: z.string().min(1).optional(),
  PROCESSING_STALL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(120),
  ASR_WHISPER_MODEL: z.string().min(1).optional(),
  ASR_WHISPER_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  ASR_WHISPER_LANGUAGES: z.string().default('fi,sv,en'),
  ASR_POCKETSPHINX_BIN: z.string().min(1).default('pocketsphinx_continuous'),
  ASR_POCKETSPHINX_MODEL_DIR: z.string().min(1).default('/usr/share/pocketsphinx/model/en-us'),
  ASR_POCKETSPHINX_ARGS: z.string().default(''),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: envBool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Luento <luento@localhost>'),
};

type MediaEnv = z.output<z.ZodObject<typeof mediaEnvShape>>;

export type MediaConfig = {
  ffmpeg: { ffmpegPath: string | undefined; ffprobePath: string | undefined; searchPath: string | undefined; minDurationSeconds: number };
  storage:
    | { driver: 'local'; root: string }
    | {
        driver: 's3';
        endpoint: string | undefined;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
        keyPrefix: string;
        publicEndpoint: string | undefined;
        partSizeBytes: number;
      };
  /** Where uploads arrive before they go to storage (tus file store). */
  uploadDir: string;
  /** abandonHours: an upload with no progress for this long is removed by the daily sweep. */
  upload: { maxUploadBytes: number; userQuotaBytes: number; abandonHours: number };
  mediaTokenTtlSeconds: number;
  /** stallSeconds: a process-video job whose heartbeat is older than this is failed by the watchdog and retried. */
  /** workDir: scratch space of processing and speech recognition (a multi-GB source is copied there). */
  processing: { stallSeconds: number; workDir: string };
  /** Local storage behind nginx: the app checks the token and nginx sends the bytes (X-Accel-Redirect). */
  accelRedirectPrefix: string | undefined;
  /** Local disk without nginx: memory for hot media (segments, playlists, images); 0 turns it off. */
  memoryCacheBytes: number;
  /** Unset host: mail is written to the log instead of being sent (the embedded default). */
  mail: { host: string | undefined; port: number; secure: boolean; user: string | undefined; password: string | undefined; from: string };
  asr: {
    whisper: { modelPath: string; threads: number; languages: string[] } | undefined;
    pocketsphinx: { binary: string; modelDir: string; extraArgs: string[] };
  };
};

/** Checks that need several variables at once; returns problems in the same form as config.ts. */
export function mediaProblems(e: MediaEnv): string[] {
  if (e.STORAGE_DRIVER !== 's3') return [];
  return (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]).map((k) => `${k}: required when STORAGE_DRIVER=s3`);
}

export function toMediaConfig(e: MediaEnv, dataDir: string): MediaConfig {
  return {
    ffmpeg: { ffmpegPath: e.FFMPEG_PATH, ffprobePath: e.FFPROBE_PATH, searchPath: e.PATH, minDurationSeconds: e.MEDIA_MIN_DURATION_SECONDS },
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            keyPrefix: e.S3_KEY_PREFIX,
            publicEndpoint: e.S3_PUBLIC_ENDPOINT,
            partSizeBytes: e.S3_PART_SIZE_MB * 1024 * 1024,
          }
        : { driver: 'local', root: path.resolve(e.STORAGE_LOCAL_ROOT ?? path.join(dataDir, 'media')) },
    uploadDir: path.join(dataDir, 'uploads'),
    upload: { maxUploadBytes: Math.round(e.UPLOAD_MAX_GIB * GIB), userQuotaBytes: Math.round(e.UPLOAD_QUOTA_GIB * GIB), abandonHours: e.UPLOAD_ABANDON_HOURS },
    mediaTokenTtlSeconds: e.MEDIA_TOKEN_TTL_SECONDS,
    processing: { stallSeconds: e.PROCESSING_STALL_SECONDS, workDir: path.resolve(e.MEDIA_WORK_DIR ?? path.join(dataDir, 'work')) },
    accelRedirectPrefix: e.MEDIA_ACCEL_REDIRECT_PREFIX,
    memoryCacheBytes: e.MEDIA_MEMORY_CACHE_MB * 1024 * 1024,
    mail: { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.MAIL_FROM },
    asr: {
      whisper: e.ASR_WHISPER_MODEL
        ? { modelPath: path.resolve(e.ASR_WHISPER_MODEL), threads: e.ASR_WHISPER_THREADS, languages: e.ASR_WHISPER_LANGUAGES.split(/[\s,]+/).filter(Boolean) }
        : undefined,
      pocketsphinx: { binary: e.ASR_POCKETSPHINX_BIN, modelDir: e.ASR_POCKETSPHINX_MODEL_DIR, extraArgs: e.ASR_POCKETSPHINX_ARGS.split(/\s+/).filter(Boolean) },
    },
  };
}
