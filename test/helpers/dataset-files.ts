/** The files every dataset folder holds: the data files, then the four the exporters make from them. */
import { EXPORT_FILES } from '../../pipeline/export/write-exports.js';

export const DATA_FILES = [
  'findings.csv', 'findings.jsonl', 'manifest.json', 'matrix.csv', 'panel.csv', 'panel.jsonl', 'quotes.csv', 'quotes.jsonl',
  'recommendations.csv', 'recommendations.jsonl', 'reports.csv', 'reports.jsonl', 'sections.csv', 'sections.jsonl', 'warnings.jsonl',
];
export const ALL_DATASET_FILES = [...DATA_FILES, ...EXPORT_FILES].sort();
