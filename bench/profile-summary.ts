import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of samples that were not idle. */
  busyPercent: number;
  /** Self time by package or area (node internals, typeorm, @nestjs/…, app code…), busy time only. */
  byArea: { area: string; percent: number }[];
  /** The functions with the most self time. */
  topFunctions: { name: string; percent: number }[];
}

/** Where a frame's code comes from, coarse enough to see what the time goes to. */
function areaOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') {
    return 'gc';
  }
  if (url === '') {
    // C++ bindings and V8 builtins: better-sqlite3's run/all/Statement, socket writes (writeBuffer), …
    return functionName.startsWith('(') ? 'v8' : 'native bindings';
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) {
    return modules[1];
  }
  if (url.startsWith('node:') || !url.includes('/')) {
    return 'node internals';
  }
  const app = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  return app ? app[1] : url;
}

/** Self time per area and per function of one .cpuprofile. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  let total = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) {
      continue;
    }
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, '')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const busy = total - idle;
  const share = (us: number): number => Math.round((us / Math.max(1, busy)) * 1000) / 10;
  const ranked = (map: Map<string, number>) => [...map.entries()].sort(([, a], [, b]) => b - a);
  return {
    file,
    totalMs: Math.round(total / 1000),
    busyPercent: Math.round((busy / Math.max(1, total)) * 1000) / 10,
    byArea: ranked(areas)
      .slice(0, top)
      .map(([area, us]) => ({ area, percent: share(us) })),
    topFunctions: ranked(functions)
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: share(us) })),
  };
}

/** `node dist/bench/profile-summary.js <dir-or-file>…`: prints each profile's summary. */
if (require.main === module) {
  for (const target of process.argv.slice(2)) {
    const files = target.endsWith('.cpuprofile')
      ? [target]
      : readdirSync(target)
          .filter((name) => name.endsWith('.cpuprofile'))
          .map((name) => join(target, name));
    for (const file of files) {
      const summary = summarizeProfile(file);
      console.log(`\n${summary.file}: ${summary.totalMs} ms, ${summary.busyPercent}% busy`);
      console.log('  by area (self time, % of busy):');
      summary.byArea.forEach(({ area, percent }) => console.log(`    ${percent.toFixed(1).padStart(5)}%  ${area}`));
      console.log('  top functions:');
      summary.topFunctions.forEach(({ name, percent }) =>
        console.log(`    ${percent.toFixed(1).padStart(5)}%  ${name}`),
      );
    }
  }
}
