import { parseMultipart } from './caption-upload-body.js';

const body = (parts: string[], boundary = 'XyZ') => Buffer.from(parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`, 'latin1');

test('reads text fields and the file bytes exactly (no re-encoding)', () => {
  const latin1 = 'P\xe4iv\xe4\u00e4';
  const b = body([
    'Content-Disposition: form-data; name="_csrf"\r\n\r\nabc',
    'Content-Disposition: form-data; name="language"\r\n\r\nfi',
    `Content-Disposition: form-data; name="file"; filename="a.srt"\r\nContent-Type: application/x-subrip\r\n\r\n${latin1}\r\nline2`,
  ]);
  const parsed = parseMultipart(b, 'multipart/form-data; boundary=XyZ');
  expect(parsed.fields).toEqual({ _csrf: 'abc', language: 'fi' });
  expect(parsed.file?.name).toBe('a.srt');
  expect(parsed.file?.bytes).toEqual(Buffer.from(`${latin1}\r\nline2`, 'latin1'));
});

test('a form sent without a chosen file has no file', () => {
  const b = body(['Content-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n'], 'q');
  expect(parseMultipart(b, 'multipart/form-data; boundary="q"').file).toBeUndefined();
});

test.each([
  ['no boundary', 'multipart/form-data', body(['Content-Disposition: form-data; name="a"\r\n\r\nb'])],
  ['no closing boundary', 'multipart/form-data; boundary=XyZ', Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb')],
])('refuses a malformed body: %s', (_name, type, b) => {
  expect(() => parseMultipart(b, type)).toThrow(expect.objectContaining({ code: 'multipart_malformed', status: 400 }));
});
