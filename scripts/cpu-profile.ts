import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
 * same samples rolled up by where the code comes from (a package under node_modules, the repository's
 * own code, Node's internals, V8 builtins, garbage collection). Idle samples are left out: the share
 * of a function is its share of the time the process was busy.
 */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionShare {
  /** Share of busy samples, in percent. */
  percent: number;
  samples: number;
  name: string;
  /** `pkg/file.js:line`, `services/.../file.js:line`, `node:internal/...:line`, or empty for a builtin. */
  location: string;
}

export interface ProfileSummary {
  /** Samples counted (busy ones, within the window when one was given). */
  busySamples: number;
  idleSamples: number;
  /** Wall-clock time the thread was not idle, in ms (the busy samples' intervals); above CPU time when the machine is contended. */
  busyMs: number;
  top: FunctionShare[];
  /** Share of busy samples by origin, largest first. */
  origins: Array<{ origin: string; percent: number; samples: number }>;
  /** True when a window was asked for but no sample fell in it, so the whole profile was counted. */
  windowIgnored: boolean;
}

/** Where a function's code comes from, for the rollup. */
export function originOf(frame: { functionName: string; url: string }, root: string): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return /^\(.*\)$/.test(frame.functionName) ? frame.functionName : 'V8 builtins and native code';
  // First: a test's compiled tree may itself sit under node_modules/.cache.
  if (url.startsWith(`${root}/`)) return 'repository code';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return `node_modules/${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.startsWith('node:') || !url.startsWith('/')) return 'node internals';
  return 'other files';
}

/** A file's place shortened to its package or its path in the repository. */
export function shortLocation(frame: { url: string; lineNumber: number }, root: string): string {
  let url = frame.url.replace(/^file:\/\//, '');
  if (!url) return '';
  const modules = url.lastIndexOf('node_modules/');
  if (url.startsWith(`${root}/`)) url = url.slice(root.length + 1);
  else if (modules >= 0) url = url.slice(modules + 'node_modules/'.length);
  return `${url}:${frame.lineNumber + 1}`;
}

/**
 * Counts self samples per function (by name and place). `window` (microseconds on the profile's clock,
 * which is the monotonic clock of `process.hrtime`) keeps only the samples taken within it, so start-up
 * and shutdown do not count.
 */
export function summariseProfile(
  profile: CpuProfile,
  options: { root: string; top?: number; window?: { fromMicros: number; toMicros: number } },
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inWindow: boolean[] = [];
  const intervals: number[] = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    time += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time up to the next one.
    intervals.push(profile.timeDeltas[i + 1] ?? 0);
    inWindow.push(!options.window || (time >= options.window.fromMicros && time <= options.window.toMicros));
  }
  const windowIgnored = Boolean(options.window) && !inWindow.some(Boolean);
  const functions = new Map<string, FunctionShare>();
  const origins = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  let busyMicros = 0;
  profile.samples.forEach((id, i) => {
    if (!windowIgnored && !inWindow[i]) return;
    const node = byId.get(id);
    if (!node) return;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idle += 1;
      return;
    }
    busy += 1;
    busyMicros += intervals[i];
    const location = shortLocation(frame, options.root);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}\u0000${location}`;
    const entry = functions.get(key) ?? { percent: 0, samples: 0, name, location };
    entry.samples += 1;
    functions.set(key, entry);
    const origin = originOf(frame, options.root);
    origins.set(origin, (origins.get(origin) ?? 0) + 1);
  });
  const percent = (samples: number) => (busy ? Math.round((samples / busy) * 1000) / 10 : 0);
  return {
    busySamples: busy,
    idleSamples: idle,
    busyMs: Math.round(busyMicros / 1000),
    top: [...functions.values()]
      .sort((a, b) => b.samples - a.samples)
      .slice(0, options.top ?? 15)
      .map((entry) => ({ ...entry, percent: percent(entry.samples) })),
    origins: [...origins.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([origin, samples]) => ({ origin, samples, percent: percent(samples) })),
    windowIgnored,
  };
}

/** The profile process `pid` wrote into `folder` (Node names it `CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`). */
export function readProfileIn(folder: string, pid: number): CpuProfile | undefined {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile') && name.split('.')[3] === String(pid))
    .sort();
  const file = files.at(-1);
  return file ? (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as CpuProfile) : undefined;
}

/** The summary as markdown tables. */
export function formatSummary(title: string, summary: ProfileSummary): string {
  const lines = [
    `### ${title}`,
    '',
    `${summary.busySamples.toLocaleString('en-GB')} busy samples (${summary.busyMs.toLocaleString('en-GB')} ms of wall-clock time not idle), ${summary.idleSamples.toLocaleString('en-GB')} idle` +
      (summary.windowIgnored ? '; no sample in the measured window, so the whole profile is counted' : ', within the measured window'),
    '',
    '| % self | function | where |',
    '|---|---|---|',
    ...summary.top.map((f) => `| ${f.percent.toFixed(1)} | ${f.name} | ${f.location} |`),
    '',
    '| % self | origin |',
    '|---|---|',
    ...summary.origins.map((o) => `| ${o.percent.toFixed(1)} | ${o.origin} |`),
  ];
  return lines.join('\n');
}
