/**
 * sections / recommendations / quotes (.csv and .jsonl): the narrative rows of case-level notas,
 * written report by report in the same streaming pass as the findings. Reports of other levels
 * write nothing, but the six files always exist (header only), so a reader can rely on them.
 */
import type { ExtractedReport } from '../../extractors/model.js';
import { QUOTE_COLUMNS, RECOMMENDATION_COLUMNS, SECTION_COLUMNS } from '../dataset-schema.js';
import { buildNarrativeRows } from '../narrative-rows.js';
import { csvSink, jsonlSink, type RowSink } from './row-sink.js';

export interface NarrativeWriter {
  sinks: RowSink<object>[];
  write(reportId: string, report: ExtractedReport): Promise<void>;
}

export function narrativeWriter(temp: (name: string) => string): NarrativeWriter {
  const pair = <Row extends object>(base: string, columns: readonly (keyof Row & string)[]) => [csvSink<Row>(temp(`${base}.csv`), columns), jsonlSink<Row>(temp(`${base}.jsonl`), columns)] as const;
  const sections = pair('sections', SECTION_COLUMNS);
  const recommendations = pair('recommendations', RECOMMENDATION_COLUMNS);
  const quotes = pair('quotes', QUOTE_COLUMNS);
  const writeAll = async <Row extends object>(sinks: readonly [RowSink<Row>, RowSink<Row>], rows: Row[]) => {
    for (const row of rows) for (const sink of sinks) await sink.write(row);
  };
  return {
    sinks: [...sections, ...recommendations, ...quotes] as RowSink<object>[],
    async write(reportId, report) {
      const rows = buildNarrativeRows(reportId, report);
      await writeAll(sections, rows.sections);
      await writeAll(recommendations, rows.recommendations);
      await writeAll(quotes, rows.quotes);
    },
  };
}
