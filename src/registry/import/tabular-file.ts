import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';

/**
 * Reading the CSV/TSV registry files that registration authorities export from Excel:
 * UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode text") or GBK/GB18030 (Excel's
 * default on a Chinese Windows), tab- or comma-separated, CRLF or LF, RFC 4180 quoting.
 * Pure: no Nest or TypeORM, no file system access.
 */

/** The encoding a file was decoded from. GBK files are decoded as GB18030, its superset. */
export type TabularEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Field separator: tab (Excel "Text (Tab delimited)" / "Unicode text") or comma (CSV). */
export type TabularDelimiter = '\t' | ',';

/** Text decoded from a file's bytes. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TabularEncoding;
  /** Whether a byte order mark was present (it is not part of `text`). */
  readonly hadBom: boolean;
}

/** One data row: its 1-based line in the file (the header is line 1) and its values by column. */
export interface TabularRow {
  /** Line on which the row starts; a quoted value with line breaks makes a row span lines. */
  readonly lineNumber: number;
  /** Values keyed by (trimmed, lower-case) column name, exactly as in the file; `''` when absent. */
  readonly values: Readonly<Record<string, string>>;
}

/** A parsed registry file. */
export interface TabularFile {
  readonly encoding: TabularEncoding;
  readonly delimiter: TabularDelimiter;
  /** Column names, trimmed and lower-cased, in file order. */
  readonly header: readonly string[];
  readonly rows: readonly TabularRow[];
  /** Header columns that are not among the known columns, in file order. */
  readonly unknownColumns: readonly string[];
  /** Known columns that the header lacks, in the order given. */
  readonly missingColumns: readonly string[];
}

/** The file cannot be read as a table; `lineNumber` (1-based) says where, when known. */
export class TabularFileError extends Error {
  constructor(
    message: string,
    readonly lineNumber?: number,
  ) {
    super(lineNumber === undefined ? message : `line ${lineNumber}: ${message}`);
    this.name = 'TabularFileError';
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/**
 * Decodes a file: a BOM decides (UTF-8, UTF-16LE, UTF-16BE) and is stripped; otherwise bytes
 * that are valid UTF-8 are UTF-8, and anything else is GBK/GB18030 (decoded with iconv-lite).
 */
export function decodeTabularText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) {
    const text = decodeUtf8(bytes.subarray(UTF8_BOM.length));
    if (text === undefined) throw new TabularFileError('the file starts with a UTF-8 byte order mark but is not UTF-8');
    return { text, encoding: 'utf-8', hadBom: true };
  }
  if (startsWith(bytes, UTF16LE_BOM)) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le', hadBom: true };
  }
  if (startsWith(bytes, UTF16BE_BOM)) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be', hadBom: true };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', hadBom: false };
  const mixedAt = firstLineMixingEncodings(bytes);
  if (mixedAt !== undefined) {
    throw new TabularFileError('the file mixes UTF-8 and GBK text: save it again in one encoding (UTF-8 recommended)', mixedAt);
  }
  return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030', hadBom: false };
}

/**
 * A file that is not valid UTF-8 is read as GBK; but when some of its lines are valid UTF-8
 * with multi-byte characters and others are not, decoding the whole file as GBK would silently
 * turn the UTF-8 lines into mojibake. Returns the first line that is not UTF-8 in such a file.
 */
function firstLineMixingEncodings(bytes: Uint8Array): number | undefined {
  let start = 0;
  let line = 1;
  let sawUtf8MultiByte = false;
  let firstInvalid: number | undefined;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const slice = bytes.subarray(start, i);
      if (slice.some((b) => b >= 0x80)) {
        const decoded = decodeUtf8(slice);
        if (decoded === undefined) firstInvalid ??= line;
        // Three-byte UTF-8 (CJK is U+0800 and up): GBK byte pairs almost never form it by chance.
        else if (/[\u0800-\uffff]/.test(decoded)) sawUtf8MultiByte = true;
      }
      start = i + 1;
      line++;
    }
  }
  return sawUtf8MultiByte ? firstInvalid : undefined;
}

/** Tab when the header line has at least as many tabs as commas (and at least one); else comma. */
export function detectDelimiter(headerLine: string): TabularDelimiter {
  const tabs = countOf(headerLine, '\t');
  return tabs > 0 && tabs >= countOf(headerLine, ',') ? '\t' : ',';
}

/**
 * Reads a registry file: decodes it, detects the delimiter from the header line, parses it
 * (quoted fields, CRLF/LF/CR line breaks, normalised to LF inside values), skips blank lines
 * and rows whose every value is blank, and reports header columns not in `knownColumns`.
 * Throws {@link TabularFileError} for an empty file, a blank, duplicate or missing column name,
 * an unclosed quote, or a row with more non-empty values than the header has columns.
 */
export function readTabularFile(bytes: Uint8Array, knownColumns: readonly string[]): TabularFile {
  const { text, encoding } = decodeTabularText(bytes);
  const normalized = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(firstNonBlankLine(normalized));
  const records = parseRecords(normalized, delimiter);
  const headerRecord = records.at(0);
  if (headerRecord === undefined) throw new TabularFileError('the file has no header line');
  const dataRecords = records.slice(1);
  const header = headerNames(headerRecord);
  const known = new Set(knownColumns.map(normalizeColumnName));
  const present = new Set(header);
  return {
    encoding,
    delimiter,
    header,
    rows: dataRecords.map((record) => toRow(record, header)),
    unknownColumns: header.filter((column) => !known.has(column)),
    missingColumns: [...known].filter((column) => !present.has(column)),
  };
}

/** A parsed record with the line it starts on. */
interface LocatedRecord {
  readonly fields: readonly string[];
  readonly lineNumber: number;
}

function parseRecords(text: string, delimiter: TabularDelimiter): LocatedRecord[] {
  const records: LocatedRecord[] = [];
  let lastEndLine = 0;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (fields, context) => {
        lastEndLine = context.lines;
        if (!fields.every(isBlank)) records.push({ fields, lineNumber: startLine(fields, context.lines) });
        return null;
      },
    });
  } catch (error: unknown) {
    throw new TabularFileError(parseErrorMessage(error), nextContentLine(text, lastEndLine));
  }
  return records;
}

/** csv-parse reports the line a record ends on; line breaks inside its values tell where it began. */
function startLine(fields: readonly string[], endLine: number): number {
  return endLine - fields.reduce((breaks, field) => breaks + countOf(field, '\n'), 0);
}

function headerNames(record: LocatedRecord): string[] {
  const names = record.fields.map(normalizeColumnName);
  while (names.length > 0 && names.at(-1) === '') names.pop();
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') throw new TabularFileError(`column ${index + 1} has no name`, record.lineNumber);
    if (seen.has(name)) throw new TabularFileError(`column "${name}" appears twice`, record.lineNumber);
    seen.add(name);
  });
  return names;
}

function toRow(record: LocatedRecord, header: readonly string[]): TabularRow {
  const surplus = record.fields.slice(header.length);
  if (!surplus.every(isBlank)) {
    throw new TabularFileError(
      `${record.fields.length} values but the header has ${header.length} columns`,
      record.lineNumber,
    );
  }
  const values = Object.fromEntries(header.map((column, index) => [column, record.fields[index] ?? '']));
  return { lineNumber: record.lineNumber, values };
}

/** csv-parse's own wording, except for the one error users meet: a quote left open. */
function parseErrorMessage(error: unknown): string {
  if (isRecord(error) && error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value is never closed';
  return error instanceof Error ? error.message : String(error);
}

/** The first non-blank line after `line`: where the record that failed to parse begins. */
function nextContentLine(text: string, line: number): number | undefined {
  const index = text.split('\n').findIndex((content, at) => at >= line && !isBlank(content));
  return index === -1 ? undefined : index + 1;
}

function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}

function firstNonBlankLine(text: string): string {
  return text.split('\n').find((line) => !isBlank(line)) ?? '';
}

function isBlank(value: string): boolean {
  return value.trim() === '';
}

function countOf(text: string, char: string): number {
  return text.split(char).length - 1;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Strict UTF-8 decoding (a BOM is kept as U+FEFF); `undefined` when the bytes are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
