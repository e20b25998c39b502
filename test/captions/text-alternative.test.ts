// Text alternatives over HTTP on real PostgreSQL and local storage: the allowed documents (.txt, .pdf,
// .docx, .odt) are recognised by their bytes and served as attachments with nosniff; anything else is a
// clear 400 that leaves nothing behind; a document satisfies the caption rule and shows beside the player.
import { crc32 } from 'node:zlib';
import { sha256 } from '../../src/auth/hmac.js';
import { detectDocument, zipEntryNames } from '../../src/captions/text-alternative-file.js';
import { createLtiTestContext, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers } from '../helpers/six-users.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let teacher: LaunchedClient;
let teacherId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  teacher = users.clients.instructorHere;
  teacherId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
});
afterAll(() => ctx.close());

/** A ZIP archive of stored (uncompressed) entries, as office suites write their first entries (APPNOTE 4.3). */
function zip(entries: Array<[string, string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const docx = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
  ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
]);
const odt = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const txt = Buffer.from('Luento 1: termodynamiikka\nTervetuloa.\n', 'utf8');

const video = async () => (await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: users.here, status: 'published' })).id;
const upload = (id: string, bytes: Buffer, name: string) => teacher.post(`/videos/${id}/captions/text-alternative`).set('Accept', 'application/json').attach('file', bytes, name);
const blobsOf = async (id: string) => ctx.deps.media.blobStore.list(`videos/${id}/text-alternative/`);

test('the pure check knows each allowed type by its bytes and reads ZIP directories', () => {
  expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', 'word/document.xml']);
  expect(detectDocument('a.docx', docx).contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(detectDocument('a.ODT', odt).contentType).toBe('application/vnd.oasis.opendocument.text');
  expect(detectDocument('a.pdf', pdf).contentType).toBe('application/pdf');
  expect(detectDocument('a.txt', txt).contentType).toBe('text/plain; charset=utf-8');
  // A docx named .odt, an odt named .docx, a zip without Word's parts: refused.
  expect(() => detectDocument('a.odt', docx)).toThrow(/not a valid ODT document/);
  expect(() => detectDocument('a.docx', odt)).toThrow(/not a valid DOCX document/);
  expect(() => detectDocument('a.txt', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'))).toThrow(/not plain UTF-8 text/);
  expect(() => detectDocument('a.txt', Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toThrow(/not plain UTF-8 text/);
});

test('upload a transcript, download it as an attachment, see it beside the player and in the report', async () => {
  const id = await video();
  const res = await teacher.post(`/videos/${id}/captions/text-alternative`).attach('file', txt, 'luento 1.txt');
  expect(res.status).toBe(303);
  expect(res.headers.location).toContain(`/videos/${id}/captions/text-alternative?saved=1`);
  const learner = users.clients.learnerHere;
  const dl = await learner.get(`/videos/${id}/captions/text-alternative/download`);
  expect(dl.status).toBe(200);
  expect(dl.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(dl.headers['content-disposition']).toBe('attachment; filename="luento 1.txt"');
  expect(dl.headers['x-content-type-options']).toBe('nosniff');
  expect(dl.headers['content-security-policy']).toContain('sandbox');
  expect(Buffer.from(dl.text, 'utf8').equals(txt)).toBe(true);
  const watch = await learner.get(`/videos/${id}/watch`);
  expect(watch.text).toMatch(new RegExp(`href="/videos/${id}/captions/text-alternative/download[^"]*" download>Transcript \\(document\\): luento 1.txt<`));
  const report = await teacher.get(`/courses/${users.here}/captions/compliance?status=text-alternative`);
  expect(report.text).toContain(`data-video-id="${id}" data-status="text-alternative"`);
  const page = await teacher.get(`/videos/${id}/captions/text-alternative?saved=1`);
  expect(page.text).toContain('luento 1.txt');
  expect(page.text).toContain('role="status"');
});

test.each([
  ['lecture.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['lecture.odt', odt, 'application/vnd.oasis.opendocument.text'],
  ['lecture.pdf', pdf, 'application/pdf'],
])('accepts %s', async (name, bytes, type) => {
  const id = await video();
  expect((await upload(id, bytes, name)).status).toBe(303);
  const row = await ctx.deps.db.selectFrom('caption_text_alternatives').selectAll().where('video_id', '=', id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ file_name: name, content_type: type, uploaded_by: teacherId });
  expect(Number(row.size_bytes)).toBe(bytes.length);
});

test.each([
  ['page.html', Buffer.from('<html><body>hi</body></html>'), 400, /not an accepted document type.*\.txt, \.pdf, \.docx, \.odt/],
  ['setup.exe', Buffer.from('MZ\x90\x00'), 400, /not an accepted document type/],
  ['fake.pdf', Buffer.from('just text'), 400, /the name ends in \.pdf, but its content is not a valid PDF document/],
  ['binary.txt', Buffer.from([0x00, 0x01, 0x02, 0xff]), 400, /not plain UTF-8 text/],
  ['empty.txt', Buffer.alloc(0), 400, /The file is empty/],
])('refuses %s with a clear message and stores nothing', async (name, bytes, status, message) => {
  const id = await video();
  const res = await upload(id, bytes, name);
  expect(res.status).toBe(status);
  expect(res.body.error.message).toMatch(message);
  expect(await ctx.deps.db.selectFrom('caption_text_alternatives').select('video_id').where('video_id', '=', id).execute()).toEqual([]);
  expect(await blobsOf(id)).toEqual([]);
});

test('refuses a form without a file, and a file over 10 MiB', async () => {
  const id = await video();
  const none = await teacher.post(`/videos/${id}/captions/text-alternative`).set('Accept', 'application/json').field('note', 'x');
  expect(none.status).toBe(400);
  expect(none.body.error.message).toMatch(/Choose the transcript document/);
  const big = await upload(id, Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.txt');
  expect(big.status).toBe(413);
  expect(await blobsOf(id)).toEqual([]);
});

test('replacing deletes the old document; removing deletes the row and the file', async () => {
  const id = await video();
  await upload(id, txt, 'first.txt');
  const [first] = await blobsOf(id);
  await upload(id, pdf, 'second.pdf');
  const after = await blobsOf(id);
  expect(after).toHaveLength(1);
  expect(after[0]!.key).not.toBe(first!.key);
  expect(after[0]!.key).toMatch(/\.pdf$/);
  const removed = await teacher.post(`/videos/${id}/captions/text-alternative/remove`).type('form').send({});
  expect(removed.status).toBe(303);
  expect(await blobsOf(id)).toEqual([]);
  expect((await users.clients.learnerHere.get(`/videos/${id}/captions/text-alternative/download`)).status).toBe(404);
  expect((await teacher.get(`/videos/${id}/watch`)).text).not.toContain('text-alternative/download');
});
