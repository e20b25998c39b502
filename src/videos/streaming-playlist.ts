// S3 mode: the app serves playlists, with every segment and init-segment URI (EXT-X-MAP URI="…")
// replaced by a presigned GET URL, so the bytes come from S3 (or a CDN) and not through the app.
// Nested playlists (the master's variant URIs) stay relative: they come back here and get the same
// treatment. RFC 8216 §4.1: URI lines are the lines that are neither blank nor start with "#".
import path from 'node:path';

export async function rewritePlaylist(opts: { text: string; playlistKey: string; allowedPrefix: string; sign: (key: string) => Promise<string | null> }): Promise<string> {
  const dir = path.posix.dirname(opts.playlistKey);
  const resolve = async (uri: string): Promise<string> => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.endsWith('.m3u8')) return uri;
    const key = path.posix.normalize(path.posix.join(dir, uri));
    // A URI that climbs out of the video's own folder is left alone (and then fails): never sign it.
    if (!key.startsWith(opts.allowedPrefix)) return uri;
    return (await opts.sign(key)) ?? uri;
  };
  const lines = opts.text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') out.push(line);
    else if (!trimmed.startsWith('#')) out.push(await resolve(trimmed));
    else if (trimmed.startsWith('#EXT-X-MAP:')) {
      const m = /URI="([^"]*)"/.exec(trimmed);
      out.push(m?.[1] ? trimmed.replace(m[0], `URI="${await resolve(m[1])}"`) : trimmed);
    } else out.push(line);
  }
  return out.join('\n');
}
