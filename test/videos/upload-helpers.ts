// Helpers of the upload tests: start an upload the way the page does, and speak tus over supertest.
import request from 'supertest';
import type { Express } from 'express';
import type pg from 'pg';
import type { LaunchedClient } from '../helpers/launch-as.js';

export const TUS = { 'Tus-Resumable': '1.0.0' };

export type NewUpload = { title?: string; language?: string; fileName?: string; fileBytes: number; attestsRightsAndConsent?: boolean; description?: string };

export function startUpload(client: LaunchedClient, courseId: string, u: NewUpload): request.Test {
  return client
    .post(`/courses/${courseId}/videos`)
    .set('Accept', 'application/json')
    .send({ title: 'Lecture 1', language: 'fi', fileName: 'lecture.mp4', attestsRightsAndConsent: true, ...u });
}

export function tusMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

/** A tus request carrying the session as the page does (X-Luento-Session), or none / a forged one. */
export function tus(app: Express, token: string | undefined) {
  const auth = (t: request.Test) => (token === undefined ? t : t.set('X-Luento-Session', token)).set(TUS);
  return {
    create: (videoId: string, length: number, fileName = 'lecture.mp4') =>
      auth(request(app).post('/uploads')).set('Upload-Length', String(length)).set('Upload-Metadata', tusMetadata({ videoId, filename: fileName })),
    head: (videoId: string) => auth(request(app).head(`/uploads/${videoId}`)),
    patch: (videoId: string, offset: number, bytes: Buffer) =>
      auth(request(app).patch(`/uploads/${videoId}`)).set('Upload-Offset', String(offset)).set('Content-Type', 'application/offset+octet-stream').send(bytes),
  };
}

/** Names of the pg-boss jobs queued for a video. */
export async function queuedJobNames(pool: pg.Pool, videoId: string): Promise<string[]> {
  const res = await pool.query<{ name: string }>(`SELECT name FROM pgboss.job WHERE data->>'videoId' = $1`, [videoId]);
  return res.rows.map((r) => r.name);
}
