import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Distribution } from './samples';

/**
 * One measured figure: a latency distribution next to its baseline measured in the same run
 * (the same thing done the plainest way, or the same path without load), or a rate.
 */
export type Figure =
  | { kind: 'latency'; name: string; measured: Distribution; baseline: { name: string; measured: Distribution } | null; note?: string }
  | { kind: 'rate'; name: string; value: number; unit: string; baseline: { name: string; value: number } | null; note?: string };

export interface BenchSection {
  title: string;
  /** How it was measured, in a few sentences (goes into the report). */
  method: string;
  figures: Figure[];
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');
const ratio = (value: number, base: number) => (base > 0 && Number.isFinite(value) ? `${(value / base).toFixed(1)}×` : '—');

function rows(section: BenchSection): string[][] {
  return section.figures.map((figure) => {
    if (figure.kind === 'rate') {
      return [figure.name, `${figure.value.toFixed(0)} ${figure.unit}`, '', '', '', figure.baseline ? `${figure.baseline.name}: ${figure.baseline.value.toFixed(0)}` : '', figure.baseline ? ratio(figure.value, figure.baseline.value) : ''];
    }
    const { measured, baseline } = figure;
    return [
      figure.name,
      `${ms(measured.p50)} ms`,
      `${ms(measured.p95)} ms`,
      `${ms(measured.p99)} ms`,
      String(measured.samples),
      baseline ? `${baseline.name}: p50 ${ms(baseline.measured.p50)} / p95 ${ms(baseline.measured.p95)} ms (n=${baseline.measured.samples})` : '',
      baseline ? ratio(measured.p50, baseline.measured.p50) : '',
    ];
  });
}

const HEADER = ['figure', 'p50 / value', 'p95', 'p99', 'n', 'baseline (same run)', 'p50 ratio'];

/** Prints one table per section. */
export function printReport(sections: readonly BenchSection[]): void {
  for (const section of sections) {
    console.log(`\n${section.title}`);
    const table = [HEADER, ...rows(section)];
    const widths = HEADER.map((_, column) => Math.max(...table.map((row) => [...(row[column] ?? '')].length)));
    for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
  }
}

/** Writes report.json and report.md into `dir`; returns their paths. */
export async function writeReport(dir: string, sections: readonly BenchSection[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const at = new Date().toISOString();
  const json = join(dir, 'report.json');
  await writeFile(json, `${JSON.stringify({ at, machine, sections }, null, 2)}\n`);
  const markdown = [
    `# SeatDesk benchmarks (${at})`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    ...sections.flatMap((section) => [
      '',
      `## ${section.title}`,
      '',
      section.method,
      '',
      `| ${HEADER.join(' | ')} |`,
      `| ${HEADER.map(() => '---').join(' | ')} |`,
      ...rows(section).map((row) => `| ${row.join(' | ')} |`),
      ...section.figures.filter((figure) => figure.note).map((figure) => `\n- ${figure.name}: ${figure.note}`),
    ]),
    '',
  ].join('\n');
  const md = join(dir, 'report.md');
  await writeFile(md, markdown);
  return [json, md];
}
