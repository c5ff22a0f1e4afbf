/**
 * Reads the Gender Gap Tracker's human-annotated news articles (SFU Discourse Lab,
 * `NLP/evaluation/src` at commit 9e647e0) from wherever they were put: the annotation table
 * (`AnnotationTable_byArticle_withReplacementArticles.xlsx`, one row per article) and the article
 * texts (`rawtext.zip`, or that archive unpacked into `rawtext/`).
 *
 * The texts are the outlets' copyright and stay outside the repository. Outlets are chosen from
 * the table's `outlet` column BEFORE any quotation or article text is read: the articles of the
 * outlets kept aside decide whether the work is done, so by default only the development outlets
 * are ever opened.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** The outlets used for development. */
export const DEVELOPMENT_OUTLETS: readonly string[] = [
  'CBC News',
  'CTVNews',
  'Global News',
  'HuffingtonPost',
];
/** The outlets kept aside for the final check: never read them while developing. */
export const HELD_OUT_OUTLETS: readonly string[] = [
  'NationalPost',
  'The Globe And Mail',
  'TheStar',
];

const TABLE_FILE = 'AnnotationTable_byArticle_withReplacementArticles.xlsx';
const TEXT_ARCHIVE = 'rawtext.zip';
const TEXT_FOLDER = 'rawtext';

/** One quotation as annotated: the table's own fields, offsets as written. */
export interface AnnotatedQuote {
  /** The quoted text exactly as the annotator copied it. */
  readonly quote: string;
  /** The annotated character span `(start,end)`; it drifts from the text files (see README). */
  readonly start: number | null;
  /** The mention of the speaker as written (`she`, `Ruiz`, `a spokesperson`). */
  readonly speaker: string;
  /** Who the speaker is, resolved by the annotator: a full name, organisation or description. */
  readonly reference: string;
}

/** One annotated article. */
export interface NewsArticle {
  readonly id: string;
  readonly outlet: string;
  readonly text: string;
  readonly quotes: readonly AnnotatedQuote[];
  /** Everyone the annotators listed as a person of the article (people and sources, any gender). */
  readonly people: readonly string[];
}

/** Which outlets to read. */
export interface ReadNewsOptions {
  /** Outlet names as the table writes them; default {@link DEVELOPMENT_OUTLETS}. */
  readonly outlets?: readonly string[];
}

/**
 * Reads the annotated articles of the chosen outlets from a folder holding the table and the
 * texts. Errors say which file is missing and where it comes from.
 *
 * @example
 * const articles = await readNews('/data/ggt'); // the four development outlets, 56 articles
 */
export async function readNews(
  folder: string,
  options: ReadNewsOptions = {},
): Promise<NewsArticle[]> {
  const outlets = new Set(options.outlets ?? DEVELOPMENT_OUTLETS);
  const tablePath = join(folder, TABLE_FILE);
  if (!existsSync(tablePath)) {
    throw new Error(
      `${tablePath} not found. Put ${TABLE_FILE} (GenderGapTracker, commit 9e647e0, NLP/evaluation/src/eval/) in ${folder}.`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(tablePath);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${tablePath} has no worksheet.`);
  const column = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => column.set(cellText(cell.value), n));
  const at = (name: string): number => {
    const n = column.get(name);
    if (n === undefined) throw new Error(`${tablePath}: no "${name}" column.`);
    return n;
  };
  const [idCol, outletCol, quotesCol] = [at('_id'), at('outlet'), at('quotations')];
  const peopleCols = [
    'people',
    'peopleFemale',
    'peopleMale',
    'peopleUnknown',
    'sourcesFemale',
    'sourcesMale',
    'sourcesUnknown',
  ].flatMap((name) => (column.has(name) ? [at(name)] : []));

  const chosen: { id: string; outlet: string; row: ExcelJS.Row }[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    // The outlet decides first; nothing else of a row from another outlet is read.
    const outlet = cellText(row.getCell(outletCol).value);
    if (!outlets.has(outlet)) return;
    const id = /([0-9a-f]{24})/.exec(cellText(row.getCell(idCol).value))?.[1];
    if (id) chosen.push({ id, outlet, row });
  });

  const texts = await textReader(folder);
  const articles: NewsArticle[] = [];
  for (const { id, outlet, row } of chosen) {
    const text = await texts(id);
    if (text === null) throw new Error(`No text for article ${id} in ${folder}.`);
    const people = new Set(peopleCols.flatMap((c) => jsonList(cellText(row.getCell(c).value))));
    articles.push({
      id,
      outlet,
      text,
      quotes: parseQuotes(cellText(row.getCell(quotesCol).value), id),
      people: [...people],
    });
  }
  return articles.sort((a, b) => a.id.localeCompare(b.id));
}

async function textReader(folder: string): Promise<(id: string) => Promise<string | null>> {
  const unpacked = join(folder, TEXT_FOLDER);
  if (existsSync(unpacked) && statSync(unpacked).isDirectory()) {
    const names = new Set(readdirSync(unpacked));
    return async (id) =>
      names.has(`${id}.txt`) ? readFileSync(join(unpacked, `${id}.txt`), 'utf8') : null;
  }
  const archivePath = join(folder, TEXT_ARCHIVE);
  if (!existsSync(archivePath)) {
    throw new Error(
      `Neither ${archivePath} nor ${unpacked}/ found. Put ${TEXT_ARCHIVE} (GenderGapTracker, commit 9e647e0, NLP/evaluation/src/) in ${folder}.`,
    );
  }
  const zip = await JSZip.loadAsync(readFileSync(archivePath));
  return async (id) => (await zip.file(`${TEXT_FOLDER}/${id}.txt`)?.async('string')) ?? null;
}

function parseQuotes(json: string, id: string): AnnotatedQuote[] {
  if (json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`Article ${id}: its "quotations" cell is not JSON (${String(error)}).`);
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item): AnnotatedQuote[] => {
    if (typeof item !== 'object' || item === null) return [];
    const field = (name: string) => {
      const value = (item as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : '';
    };
    const offsets = /\(\s*(\d+)\s*,\s*(\d+)\s*\)/.exec(field('quote_index'));
    return [
      {
        quote: field('quote'),
        start: offsets?.[1] ? Number(offsets[1]) : null,
        speaker: field('speaker'),
        reference: field('reference').trim(),
      },
    ];
  });
}

function jsonList(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The text of a cell, whether exceljs gives a string, rich text or a formula result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value && value.result !== undefined) return String(value.result);
  return '';
}
