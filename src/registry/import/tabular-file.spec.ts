import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as iconv from 'iconv-lite';
import { decodeTabularText, detectDelimiter, readTabularFile, TabularFileError } from './tabular-file';

/** The public foundation catalogue, as checked in under sample-data/. */
const FOUNDATIONS_TSV = resolve(__dirname, '../../../sample-data/liaoning-foundations.tsv');
const KNOWN = ['uscc', 'name'];

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withUtf8Bom = (text: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);

function readError(bytes: Uint8Array): TabularFileError {
  try {
    readTabularFile(bytes, KNOWN);
  } catch (error: unknown) {
    if (error instanceof TabularFileError) return error;
    throw error;
  }
  throw new Error('expected a TabularFileError');
}

describe('decodeTabularText', () => {
  it('decodes UTF-8 without a BOM', () => {
    expect(decodeTabularText(utf8('名称\n辽宁省公益基金会'))).toEqual({
      text: '名称\n辽宁省公益基金会',
      encoding: 'utf-8',
      hadBom: false,
    });
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeTabularText(withUtf8Bom('name\n铁岭市教育基金会'))).toEqual({
      text: 'name\n铁岭市教育基金会',
      encoding: 'utf-8',
      hadBom: true,
    });
  });

  it('decodes GBK bytes (not valid UTF-8) as GB18030', () => {
    const bytes = iconv.encode('统一社会信用代码,名称\n53210000MJ2831229F,辽宁省爱梦成真青年发展基金会', 'gbk');
    expect(decodeTabularText(bytes)).toEqual({
      text: '统一社会信用代码,名称\n53210000MJ2831229F,辽宁省爱梦成真青年发展基金会',
      encoding: 'gb18030',
      hadBom: false,
    });
  });

  it('decodes GB18030 four-byte sequences (𠮷)', () => {
    expect(decodeTabularText(iconv.encode('名称\n𠮷野家协会', 'gb18030')).text).toBe('名称\n𠮷野家协会');
  });

  it('decodes UTF-16LE and UTF-16BE with a BOM (Excel "Unicode text")', () => {
    const le = decodeTabularText(iconv.encode('名称\t代码', 'utf-16le', { addBOM: true }));
    expect(le).toEqual({ text: '名称\t代码', encoding: 'utf-16le', hadBom: true });
    const be = decodeTabularText(iconv.encode('名称\t代码', 'utf-16be', { addBOM: true }));
    expect(be).toEqual({ text: '名称\t代码', encoding: 'utf-16be', hadBom: true });
  });

  it('rejects a UTF-8 BOM followed by bytes that are not UTF-8', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...iconv.encode('辽宁', 'gbk')]);
    expect(() => decodeTabularText(bytes)).toThrow(TabularFileError);
  });
});

describe('detectDelimiter', () => {
  it('picks tab for a tab-separated header and comma otherwise', () => {
    expect(detectDelimiter('uscc\tname\tsource')).toBe('\t');
    expect(detectDelimiter('uscc,name,source')).toBe(',');
    expect(detectDelimiter('name')).toBe(',');
    expect(detectDelimiter('uscc\tname, remark')).toBe('\t');
  });
});

describe('readTabularFile', () => {
  it('reads a UTF-8 CSV with CRLF line endings, header trimmed and lower-cased', () => {
    const file = readTabularFile(utf8(' USCC ,Name\r\n53210000MJ2831229F,辽宁省爱梦成真青年发展基金会\r\n'), KNOWN);
    expect(file).toEqual({
      encoding: 'utf-8',
      delimiter: ',',
      header: ['uscc', 'name'],
      rows: [{ lineNumber: 2, values: { uscc: '53210000MJ2831229F', name: '辽宁省爱梦成真青年发展基金会' } }],
      unknownColumns: [],
      missingColumns: [],
    });
  });

  it('reads a UTF-8 CSV with a BOM without leaking it into the first column name', () => {
    const file = readTabularFile(withUtf8Bom('uscc,name\n532100006645688893,铁岭市教育基金会\n'), KNOWN);
    expect(file.header).toEqual(['uscc', 'name']);
    expect(file.rows[0].values).toEqual({ uscc: '532100006645688893', name: '铁岭市教育基金会' });
  });

  it('reads a GBK-encoded CSV as Excel saves it on a Chinese Windows', () => {
    const bytes = iconv.encode('uscc,name\r\n532100006994174238,丹东市公安民警救助基金会\r\n', 'gbk');
    const file = readTabularFile(bytes, KNOWN);
    expect(file.encoding).toBe('gb18030');
    expect(file.rows).toEqual([{ lineNumber: 2, values: { uscc: '532100006994174238', name: '丹东市公安民警救助基金会' } }]);
  });

  it('reads a UTF-16LE tab-separated file', () => {
    const bytes = iconv.encode('uscc\tname\r\n53210000MJ2831210J\t大连民族大学教育发展基金会\r\n', 'utf-16le', { addBOM: true });
    const file = readTabularFile(bytes, KNOWN);
    expect([file.encoding, file.delimiter]).toEqual(['utf-16le', '\t']);
    expect(file.rows[0].values.name).toBe('大连民族大学教育发展基金会');
  });

  it('reads a TSV whose values contain commas', () => {
    const file = readTabularFile(utf8('uscc\tname\n1\t甲,乙协会\n'), KNOWN);
    expect(file.delimiter).toBe('\t');
    expect(file.rows[0].values).toEqual({ uscc: '1', name: '甲,乙协会' });
  });

  it('keeps a quoted comma and a doubled quote inside one CSV value', () => {
    const file = readTabularFile(utf8('uscc,name\n1,"辽宁省公益基金会,筹"\n2,"某""爱心""协会"\n'), KNOWN);
    expect(file.rows.map((row) => row.values.name)).toEqual(['辽宁省公益基金会,筹', '某"爱心"协会']);
  });

  it('takes a quote inside an unquoted value literally', () => {
    const file = readTabularFile(utf8('uscc\tname\n1\t某"爱心"协会\n'), KNOWN);
    expect(file.rows[0].values.name).toBe('某"爱心"协会');
  });

  it('numbers rows by the line they start on when a quoted value spans lines', () => {
    const file = readTabularFile(utf8('uscc,name\r\n1,"甲\r\n乙"\r\n2,丙\r\n'), KNOWN);
    expect(file.rows).toEqual([
      { lineNumber: 2, values: { uscc: '1', name: '甲\n乙' } },
      { lineNumber: 4, values: { uscc: '2', name: '丙' } },
    ]);
  });

  it('skips blank lines and rows of empty values, keeping file line numbers', () => {
    const file = readTabularFile(utf8('uscc,name\n\n1,甲\n,\n2,乙\n\n\n,,\n'), KNOWN);
    expect(file.rows.map((row) => [row.lineNumber, row.values.uscc])).toEqual([
      [3, '1'],
      [5, '2'],
    ]);
  });

  it('accepts old Mac CR line endings', () => {
    const file = readTabularFile(utf8('uscc,name\r1,甲\r2,乙\r'), KNOWN);
    expect(file.rows.map((row) => [row.lineNumber, row.values.name])).toEqual([
      [2, '甲'],
      [3, '乙'],
    ]);
  });

  it('keeps values exactly as in the file, spaces included', () => {
    const file = readTabularFile(utf8('uscc,name\n1, 辽宁省公益基金会 \n'), KNOWN);
    expect(file.rows[0].values.name).toBe(' 辽宁省公益基金会 ');
  });

  it('reports unknown and missing columns', () => {
    const file = readTabularFile(utf8('Name,Remark,Source\n甲,备注,来源\n'), KNOWN);
    expect(file.unknownColumns).toEqual(['remark', 'source']);
    expect(file.missingColumns).toEqual(['uscc']);
    expect(file.rows[0].values).toEqual({ name: '甲', remark: '备注', source: '来源' });
  });

  it('fills absent trailing values with empty strings and ignores empty surplus values', () => {
    const file = readTabularFile(utf8('uscc,name,source\n1,甲\n2,乙,来源,,\n'), KNOWN);
    expect(file.rows.map((row) => row.values)).toEqual([
      { uscc: '1', name: '甲', source: '' },
      { uscc: '2', name: '乙', source: '来源' },
    ]);
  });

  it('drops empty trailing header columns that Excel leaves behind', () => {
    expect(readTabularFile(utf8('uscc,name,,\n1,甲,,\n'), KNOWN).header).toEqual(['uscc', 'name']);
  });

  it('rejects a row with more values than the header, naming its line', () => {
    const error = readError(utf8('uscc,name\n1,甲\n2,乙,多余\n'));
    expect(error.lineNumber).toBe(3);
    expect(error.message).toBe('line 3: 3 values but the header has 2 columns');
  });

  it('rejects duplicate and unnamed columns', () => {
    expect(readError(utf8('name,NAME\n甲,乙\n')).message).toBe('line 1: column "name" appears twice');
    expect(readError(utf8('uscc,,name\n1,,甲\n')).message).toBe('line 1: column 2 has no name');
  });

  it('rejects an empty file and an unclosed quote', () => {
    expect(readError(utf8('\n\n')).message).toBe('the file has no header line');
    const unclosed = readError(utf8('uscc,name\n1,"甲\n2,乙\n'));
    expect(unclosed.lineNumber).toBe(2);
    expect(unclosed.message).toBe('line 2: a quoted value is never closed');
    expect(readError(utf8('uscc,name\n1,甲\n\n2,"乙\n3,丙\n')).lineNumber).toBe(4);
  });

  it('reads the real public foundation catalogue (33 foundations)', () => {
    const file = readTabularFile(readFileSync(FOUNDATIONS_TSV), KNOWN);
    expect(file.encoding).toBe('utf-8');
    expect(file.delimiter).toBe('\t');
    expect(file.header).toEqual(['uscc', 'name', 'source']);
    expect(file.unknownColumns).toEqual(['source']);
    expect(file.missingColumns).toEqual([]);
    expect(file.rows).toHaveLength(33);
    expect(file.rows[0]).toEqual({
      lineNumber: 2,
      values: { uscc: '53210000MJ2831229F', name: '辽宁省爱梦成真青年发展基金会', source: 'public foundation catalogue (2017)' },
    });
    expect(file.rows.at(-1)?.lineNumber).toBe(34);
    expect(file.rows.every((row) => /^[0-9A-Z]{18}$/.test(row.values.uscc))).toBe(true);
  });
});
