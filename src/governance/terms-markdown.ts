// A small, safe Markdown subset for the terms of use (no Markdown library is installed): headings,
// paragraphs, bulleted and numbered lists, **strong**, *emphasis* / _emphasis_, and [links](url) to
// http(s) and mailto only. Everything else is escaped, so an admin's text can never inject markup.
// Headings move down one level: the page's own <h1> is the title, so `#` becomes <h2>.

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;
const LINK = /\[([^\]\n]+)\]\(([^()\s]+)\)/g;

/** Emphasis on already escaped text: escaping never produces * or _, so the inserted tags are the only markup. */
function emphasise(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?![\w])/g, '$1<em>$2</em>');
}

export function renderInline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += emphasise(escapeHtml(text.slice(last, m.index)));
    const [whole, label = '', url = ''] = m;
    out += SAFE_URL.test(url) ? `<a href="${escapeHtml(url)}">${emphasise(escapeHtml(label))}</a>` : emphasise(escapeHtml(whole));
    last = m.index + whole.length;
  }
  return out + emphasise(escapeHtml(text.slice(last)));
}

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] };

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const BULLET = /^[ \t]*[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]*\d{1,9}[.)][ \t]+(.*)$/;

function closeBlock(block: Block | undefined): string {
  if (!block) return '';
  if (block.kind === 'p') return `<p>${renderInline(block.lines.join(' '))}</p>\n`;
  return `<${block.kind}>\n${block.items.map((i) => `<li>${renderInline(i)}</li>`).join('\n')}\n</${block.kind}>\n`;
}

/** Renders the Markdown subset to HTML that is safe to insert unescaped. */
export function renderMarkdown(source: string): string {
  let html = '';
  let block: Block | undefined;
  const flush = () => {
    html += closeBlock(block);
    block = undefined;
  };
  for (const raw of source.split(/\r\n|\r|\n/)) {
    const line = raw.trimEnd();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      const level = Math.min(6, (heading[1] ?? '#').length + 1);
      html += `<h${level}>${renderInline(heading[2] ?? '')}</h${level}>\n`;
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      if (block?.kind !== kind) flush();
      if (!block) block = { kind, items: [] };
      if (block.kind !== 'p') block.items.push((bullet ?? numbered)?.[1] ?? '');
    } else if (block && block.kind !== 'p' && /^[ \t]+\S/.test(raw)) {
      // An indented line continues the list item above it.
      const items = block.items;
      items[items.length - 1] = `${items.at(-1) ?? ''} ${line.trim()}`;
    } else {
      if (block?.kind !== 'p') flush();
      if (!block) block = { kind: 'p', lines: [] };
      if (block.kind === 'p') block.lines.push(line.trim());
    }
  }
  flush();
  return html;
}
