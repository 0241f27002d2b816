/**
 * Just enough RFC 822 / MIME parsing to turn a raw e-mail into a readable subject and body:
 * headers, multipart bodies (first text/plain part, else text/html stripped of tags),
 * quoted-printable and base64 transfer encodings, and RFC 2047 encoded words in the subject.
 */

/** Returns { subject, body } as single-line plain text (whitespace collapsed). */
export function readMail(raw) {
  const message = parsePart(raw.replace(/\r\n/g, '\n').replace(/^From [^\n]*\n/, ''));
  const subject = decodeWords(message.headers.get('subject') ?? '');
  return { subject: squash(subject), body: squash(textOf(message)) };
}

function parsePart(text) {
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  const headers = new Map();
  // Continuation lines start with white space and belong to the previous header.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

/** The readable text of a part: the first text/plain leaf, else the first text/html leaf. */
function textOf(part) {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (!boundary) return '';
    const children = part.body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .map((chunk) => parsePart(chunk.replace(/^[ \t]*\n/, '')));
    const plain = children.find((c) =>
      /^text\/plain/i.test(c.headers.get('content-type') ?? 'text/plain'),
    );
    const html = children.find((c) => /^text\/html/i.test(c.headers.get('content-type') ?? ''));
    const nested = children.find((c) => /^multipart\//i.test(c.headers.get('content-type') ?? ''));
    const chosen = plain ?? nested ?? html;
    return chosen ? textOf(chosen) : '';
  }
  if (!type.startsWith('text/')) return '';
  const charset = /charset="?([^";\s]+)/i.exec(type)?.[1] ?? 'latin1';
  const decoded = decodeTransfer(part.body, part.headers.get('content-transfer-encoding'), charset);
  return type.startsWith('text/html') ? stripHtml(decoded) : decoded;
}

function decodeTransfer(body, encoding, charset) {
  const kind = (encoding ?? '').toLowerCase().trim();
  const bytesAs = /utf-?8/i.test(charset) ? 'utf8' : 'latin1';
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString(bytesAs);
  if (kind === 'quoted-printable') {
    const unfolded = body.replace(/=\n/g, '');
    const bytes = Buffer.from(
      unfolded.replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
    return bytes.toString(bytesAs);
  }
  return body;
}

/** RFC 2047: =?charset?B?...?= and =?charset?Q?...?= */
function decodeWords(text) {
  return text.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, kind, data) => {
    const bytesAs = /utf-?8/i.test(charset) ? 'utf8' : 'latin1';
    if (kind.toUpperCase() === 'B') return Buffer.from(data, 'base64').toString(bytesAs);
    const latin = data
      .replace(/_/g, ' ')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(latin, 'latin1').toString(bytesAs);
  });
}

const ENTITIES = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function stripHtml(html) {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code) % 65536))
    .replace(/&([a-z]+);/gi, (match, name) => ENTITIES[name.toLowerCase()] ?? match);
}

/** One line: control characters removed, white space collapsed. */
function squash(text) {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
