/**
 * Every warning code the pipeline can write to warnings.jsonl, and every failure code of a failed input,
 * with the severity it carries and what it means (from the README's tables). Data, not logic: the
 * codebook prints it, and test/export-registry.test.ts scans the source tree so a code added anywhere
 * without an entry here fails the suite.
 */
export type Severity = 'info' | 'warning' | 'error';

export interface WarningCodeEntry {
  code: string;
  /** Severities the code is written with (a few codes carry different ones depending on the doubt). */
  severities: readonly Severity[];
  meaning: string;
}

export const WARNING_CODES: readonly WarningCodeEntry[] = [
  { code: 'unmapped_indicator', severities: ['warning'], meaning: 'an indicator matched no catalogue wording above the threshold (0.8); kept with indicator_id empty' },
  { code: 'ambiguous_indicator_match', severities: ['warning'], meaning: 'two catalogue indicators matched almost equally' },
  { code: 'indicator_other_level', severities: ['warning'], meaning: "the wording matched the other level's catalogue (policy vs case)" },
  { code: 'theme_header_mismatch', severities: ['warning'], meaning: "the table's theme header disagrees with the catalogue; theme taken from the catalogue" },
  { code: 'unknown_theme_header', severities: ['info'], meaning: 'a table title names no framework theme' },
  { code: 'criterion_mismatch', severities: ['warning'], meaning: "the printed criterion disagrees with the matched indicator's criterion" },
  { code: 'table_omitted', severities: ['warning'], meaning: 'a converter wrote "[TABLE]" where a table stood (pandoc writers that cannot express it): its findings are missing from the file' },
  { code: 'wrapped_rows_joined', severities: ['warning'], meaning: 'a fixed-width text table with wrapped cells (antiword): a line that could start a row was read as part of the row above (it had more indicators than verdicts by then)' },
  { code: 'shared_cell', severities: ['info'], meaning: 'several indicators share one findings cell that could not be split one-to-one; each gets the combined verdict' },
  { code: 'verdict_missing', severities: ['warning'], meaning: 'no verdict mark; verdict left empty' },
  { code: 'verdicts_outnumber_indicators', severities: ['warning'], meaning: 'a cell holds more verdict paragraphs than indicators while indicators of the same criterion are missing from the report (a converter may have dropped them); a lone indicator whose paragraphs disagree gets no verdict rather than gemengd' },
  { code: 'followup_header_mismatch', severities: ['warning'], meaning: "a follow-up table's column headers differ from the document's other follow-up tables; read as in those" },
  { code: 'followup_header_ambiguous', severities: ['warning'], meaning: 'the columns of a follow-up table could not be told apart with certainty' },
  { code: 'column_aanpak_unknown', severities: ['warning'], meaning: 'a follow-up column names no known aanpak' },
  { code: 'table_header_missing', severities: ['warning'], meaning: "a findings table without a header row (table structure doubt): its rows read as a continuation of the table above, or, in an HTML, Word or OpenDocument table, its columns read off its rows (the catalogue's indicators beside cells opening with a verdict mark)" },
  { code: 'rows_without_header', severities: ['warning'], meaning: 'rows found before any header row (table structure doubt)' },
  { code: 'orphan_findings_cell', severities: ['warning'], meaning: 'a findings cell with no indicator it belongs to (table structure doubt)' },
  { code: 'unplaced_text', severities: ['warning'], meaning: 'text of a table rebuilt from running text that could not be placed in a cell; not read' },
  { code: 'no_findings', severities: ['warning'], meaning: 'findings tables were found but held no assessed indicator' },
  { code: 'verdict_unaccounted', severities: ['warning'], meaning: "a verdict mark in a findings table that no finding took (in the indicator or criterion column, in a findings cell without an indicator, or on a line of a text table's region that no row holds), or outside every findings table read (a text line or cell in a table syntax the readers do not know; an HTML, Word or OpenDocument table row no findings table holds, as when a converter dropped the header row); located by line, page or table row, counted in the manifest as unaccounted_verdicts" },
  { code: 'column_unread', severities: ['warning'], meaning: 'a column of a findings table that holds verdict marks but is no column its header reads (e.g. a header cell lost); counted in the manifest as unread_columns' },
  { code: 'row_stitched', severities: ['info'], meaning: "the finding's row was put together from fragments on two pages (a row broken by a page break); check that its cells belong together" },
  { code: 'municipality_not_stated', severities: ['warning'], meaning: 'the report never names its municipality; left empty, never guessed' },
  { code: 'municipality_ambiguous', severities: ['warning'], meaning: 'the report names several municipalities and none is clearly the one assessed' },
  { code: 'municipality_conflict', severities: ['warning'], meaning: 'title and body name different municipalities' },
  { code: 'municipality_from_mention', severities: ['info'], meaning: 'the municipality was taken from a mention in the text rather than the title' },
  { code: 'municipality_code_unknown', severities: ['warning'], meaning: "no CBS code for the municipality in the report's year" },
  { code: 'municipality_code_ambiguous', severities: ['warning'], meaning: 'the municipality name fits several CBS codes' },
  { code: 'aanpak_conflict', severities: ['warning'], meaning: 'the report contradicts itself about the aanpak (spaces alone do not count)' },
  { code: 'aanpak_respaced', severities: ['info'], meaning: "the aanpak was stated with spaces inside its words, in a text that cuts words apart (a PDF writer's glyph spacing); the document's own spelling with the fewest spaces was taken, only whitespace changed" },
  { code: 'aanpak_spacing_uncertain', severities: ['warning'], meaning: "the aanpak has a space that may cut a word apart: the text cuts words apart with spaces (a PDF writer's glyph spacing) and prints the name with no fewer spaces anywhere; its letters are right, its spaces uncertain" },
  { code: 'level_conflict', severities: ['warning'], meaning: 'the report contradicts itself about the level (policy, case, follow-up)' },
  { code: 'encoding_repaired', severities: ['info'], meaning: 'mojibake was repaired' },
  { code: 'encoding_invalid_bytes', severities: ['warning'], meaning: "bytes that are no character in the file's encoding; shown as the replacement character, count and lines in the message" },
  { code: 'encoding_uncertain', severities: ['warning'], meaning: 'the encoding was chosen on thin evidence (a UTF-8 BOM before other bytes; Windows-1252 vs Mac Roman vs DOS code page 850/437; DOS code page 850 vs 437)' },
  { code: 'verdict_marks_lost', severities: ['warning'], meaning: 'a conversion replaced check/cross marks with "?"; those verdicts are left empty' },
  { code: 'docx_content_skipped', severities: ['warning'], meaning: 'the Word converter left content out (e.g. a symbol in a font it cannot map, which may have been a verdict mark)' },
  { code: 'pdf_words_rejoined', severities: ['info'], meaning: "pdf.js read the PDF's words cut apart by spaces (its writer's glyph spacing: many words stand both whole and cut); cuts were rejoined where the document prints the word whole; others keep their spaces, in evidence, names and narrative too" },
  { code: 'pdf_cells_split_by_estimate', severities: ['info'], meaning: 'a PDF text item ran across a column edge and was cut by estimated glyph widths' },
  { code: 'narrative_from_layout_text', severities: ['warning'], meaning: "a nota's narrative read from layout text, whose paragraphs are rejoined by estimate: quotes, recommendations or attendees may be cut or joined" },
  { code: 'rows_cut_ambiguous', severities: ['warning'], meaning: 'rows read off layout text whose verdicts depend on where the row cut falls (two rows that balance marks and indicators only together, a follow-up row with one mark per indicator in one column and fewer in another, a row under a shared cell with marks that disagree): the file is refused' },
  { code: 'layout_cells_split_by_estimate', severities: ['warning'], meaning: 'a layout-text line whose cells were one space apart, cut where the lines around it put the column edge: a word at the cut may belong to the neighbouring cell (on the findings read from that line)' },
  { code: 'pdf_pages_without_text', severities: ['warning'], meaning: 'a partly scanned PDF: pages without a text layer' },
  { code: 'pdf_truncated', severities: ['warning'], meaning: 'a PDF cut short' },
  { code: 'flattened_table', severities: ['info'], meaning: 'a table rebuilt from running text (its structure was lost in conversion)' },
  { code: 'flattened_table_end', severities: ['info'], meaning: 'where a table rebuilt from running text was taken to end' },
  { code: 'flattened_split_uncertain', severities: ['info', 'warning'], meaning: 'a row boundary in a table rebuilt from running text that the catalogue could not confirm' },
  { code: 'flattened_followup_unread', severities: ['warning'], meaning: 'a follow-up table in running text whose columns could not be proven; not read' },
  { code: 'flattened_interleaved', severities: ['error'], meaning: "running text interleaves a row's cells (pdftotext without -layout); the rebuild is refused" },
  { code: 'bundle_split', severities: ['info'], meaning: 'the file bundles several reports; says which one this is and its line span (and pages) in the file' },
  { code: 'bundle_repeated_report', severities: ['info'], meaning: 'the same report stands more than once in one file; counted once, the other spans named' },
  { code: 'implausible_report', severities: ['warning'], meaning: 'far more findings than the framework level has indicators, or many indicators assessed again in the same column, with no report title between the tables to split at: read as one report, check it' },
  { code: 'unreadable_file', severities: ['error'], meaning: 'an input file could not be read; its failure code and reason are in the message and the manifest' },
  { code: 'duplicate_input', severities: ['info'], meaning: 'the file holds a report already read from another file; counted once' },
  { code: 'ambiguous_wave', severities: ['warning'], meaning: 'the report has the same municipality, aanpak, level and verdict on every indicator as reports of several waves (different stated years) but states no year itself: kept as a report of its own rather than merged into one of them by guess' },
  { code: 'near_duplicate_input', severities: ['warning'], meaning: 'the file holds the same report as another one (same municipality, aanpak, level and verdict on every indicator, no differing stated year) with some text changed, e.g. by a converter; counted once, as the copy chosen by content' },
  { code: 'lossy_copy_input', severities: ['warning'], meaning: "the file holds a copy of another file's report that a converter made lossy (verdict marks, tables or indicator wordings lost): same municipality, aanpak and level, its findings found in the other by their evidence, and each verdict it has the same there; counted once, as the fuller copy" },
  { code: 'copy_not_merged', severities: ['warning'], meaning: 'the report looks like a copy of another one (same municipality, aanpak and level, its findings found there by their evidence) but some verdicts differ or are on findings the other lacks: kept as a report of its own; one copy is misread, or they are two waves that state no year' },
  { code: 'copy_attribution_differs', severities: ['warning'], meaning: "a duplicate copy names other municipalities, aanpak or level than the copy exported for the report (e.g. under a council's cover sheet); the message names both" },
  { code: 'skipped_input', severities: ['warning'], meaning: 'an entry of an input folder that is not read: not a regular file (FIFO, socket, device, broken link) or hidden (name starts with "."); skipped in the manifest' },
  { code: 'narrative_not_segmented', severities: ['warning'], meaning: 'a case-level nota whose text shows no chapter structure: no sections, recommendations or quotes read' },
  { code: 'framework_reference_unknown', severities: ['warning'], meaning: "a section's framework reference names a theme the catalogue does not know; left out of theme_ids" },
  { code: 'recommendation_unmatched', severities: ['info'], meaning: "a recommendation's title matches no case-level indicator at 0.5 or above; match_score kept, ids left empty" },
  { code: 'recommendations_not_listed', severities: ['warning'], meaning: 'a section on recommendations holds no list item or bold-led paragraph; none exported' },
  { code: 'quotes_run_together', severities: ['info'], meaning: "a paragraph held quotes run into it, a speaker label after a sentence's end starting each (a paragraph break lost in conversion); read as quotes" },
  { code: 'quote_label_doubtful', severities: ['warning'], meaning: 'a paragraph opens like a quote but its speaker label starts in lower case (a letter lost?); not read as a quote' },
];

/** Why an input is `failed` (or, for `not_regular_file`, `skipped`) in the manifest (`failure_code`). */
export const FAILURE_CODE_MEANINGS: Readonly<Record<string, string>> = {
  empty: 'the file is empty',
  binary: 'binary content that is no supported document format',
  unsupported_format: 'a format the program does not read',
  encrypted: 'the document is encrypted',
  damaged: 'the document is damaged and could not be opened',
  no_text_layer: 'image-only PDF or fonts without Unicode: needs OCR',
  no_findings_tables: 'no findings table, or one whose rebuild from lost structure was refused (with the doubt that refused it)',
  unreadable: 'the file system refused to read the file',
  internal_error: 'the program failed on this file (a bug: please report it)',
  too_large: 'over a size limit: --max-file-mb, --max-text-mb, --max-inflate-mb or the Word paragraph limit, or more memory than --max-thread-mb',
  timeout: 'extraction took longer than --file-timeout and was stopped',
  too_deep: 'the document is nested beyond what a reader walks',
  not_regular_file: 'not a file at all (FIFO, socket, device, broken link): the input is skipped, not failed',
  hidden: 'a hidden file or folder inside an input folder (its name starts with "."): not read, the input is skipped, not failed',
};

export const WARNING_CODE_BY_NAME: ReadonlyMap<string, WarningCodeEntry> = new Map(WARNING_CODES.map((w) => [w.code, w]));
