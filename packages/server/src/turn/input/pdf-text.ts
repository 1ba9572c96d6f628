/**
 * Best-effort text of a PDF for models that cannot take PDF input (most OpenAI-compatible Chat
 * Completions servers). Reads the text-showing operators (`Tj`, `TJ`, `'`, `"`) of every content
 * stream, uncompressed or `FlateDecode`; fonts with custom encodings, scanned pages and encrypted
 * files yield no text, and the caller then tells the model the file could not be read.
 * Web standards only (`DecompressionStream`).
 */

const latin1 = new TextDecoder('latin1');

async function inflate(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return undefined;
  }
}

/** The raw bodies of the file's streams, inflated when `FlateDecode` (others are skipped). */
async function streamBodies(pdf: Uint8Array): Promise<string[]> {
  const text = latin1.decode(pdf);
  const bodies: string[] = [];
  const start = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(text)) !== null) {
    const from = match.index + match[0].length;
    const end = text.indexOf('endstream', from);
    if (end < 0) break;
    const dict = text.slice(Math.max(0, text.lastIndexOf('<<', match.index)), match.index);
    const raw = pdf.subarray(from, end);
    start.lastIndex = end + 'endstream'.length;
    const filters = /\/Filter\s*\[?([^\]>]*)/.exec(dict)?.[1] ?? '';
    if (filters.trim() === '') bodies.push(latin1.decode(raw));
    else if (/^\s*\/FlateDecode\s*$/.test(filters)) {
      const inflated = await inflate(raw);
      if (inflated) bodies.push(latin1.decode(inflated));
    }
  }
  return bodies;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '(': '(',
  ')': ')',
  '\\': '\\',
};

/** A literal string `( … )` starting at `at`: its decoded text and the index after it. */
function literalString(source: string, at: number): [string, number] {
  let depth = 0;
  let out = '';
  for (let i = at; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4))?.[0];
      if (octal) {
        out += String.fromCharCode(parseInt(octal, 8));
        i += octal.length;
      } else if (next === '\r' || next === '\n') {
        i += next === '\r' && source[i + 2] === '\n' ? 2 : 1;
      } else {
        out += ESCAPES[next] ?? next;
        i += 1;
      }
      continue;
    }
    if (ch === '(') {
      depth += 1;
      if (depth === 1) continue;
    } else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return [out, i + 1];
    }
    out += ch;
  }
  return [out, source.length];
}

function hexString(hex: string): string {
  const digits = hex.replace(/[^0-9a-f]/gi, '');
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    out += String.fromCharCode(parseInt(digits.slice(i, i + 2).padEnd(2, '0'), 16));
  }
  return out;
}

/** The text shown by one content stream (line breaks at text-positioning operators). */
function contentText(source: string): string {
  let out = '';
  let pending: string[] = [];
  const token = /\(|<(?!<)[0-9a-fA-F\s]*>|\b(Tj|TJ|Td|TD|Tm|ET)\b|T\*|'|"/g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(source)) !== null) {
    const value = match[0];
    if (value === '(') {
      const [text, next] = literalString(source, match.index);
      pending.push(text);
      token.lastIndex = next;
    } else if (value.startsWith('<')) {
      pending.push(hexString(value.slice(1, -1)));
    } else if (value === 'Tj' || value === 'TJ') {
      out += pending.join('');
      pending = [];
    } else if (value === "'" || value === '"') {
      out += `\n${pending.join('')}`;
      pending = [];
    } else {
      pending = [];
      if (out !== '' && !out.endsWith('\n')) out += '\n';
    }
  }
  return out;
}

/** True when the bytes start like a PDF file. */
export const isPdf = (bytes: Uint8Array): boolean =>
  latin1.decode(bytes.subarray(0, 5)) === '%PDF-';

/**
 * The text of a PDF's pages, or undefined when none could be read (not a PDF, encrypted, scanned,
 * or text in fonts this reader does not decode).
 */
export async function extractPdfText(pdf: Uint8Array): Promise<string | undefined> {
  if (!isPdf(pdf) || /\/Encrypt\b/.test(latin1.decode(pdf.subarray(-4096)))) return undefined;
  const parts: string[] = [];
  for (const body of await streamBodies(pdf)) {
    if (!/\bBT\b/.test(body)) continue;
    const text = contentText(body).trim();
    if (text !== '') parts.push(text);
  }
  const text = parts
    .join('\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim();
  return text === '' ? undefined : text;
}
