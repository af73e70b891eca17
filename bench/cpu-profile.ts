/**
 * Preloaded into a service (`node -r dist/bench/cpu-profile.js …`) when the bench runs with `--profile`.
 * SIGWINCH starts V8's CPU profiler; the next SIGWINCH stops it and writes `<service>-<pid>-<n>.cpuprofile` to
 * BENCH_CPU_PROF_DIR (open it in Chrome DevTools or summarise it with dist/bench/profile-summary.js).
 *
 * Why not `node --cpu-prof`: it writes only on a normal exit, and Nest's shutdown hook ends the process by
 * re-raising SIGTERM, so the profile is never written; this also limits the profile to the measured window.
 * Why SIGWINCH: Nest's `enableShutdownHooks()` shuts down on SIGUSR2 (and SIGUSR1 starts the inspector);
 * SIGWINCH is ignored by default, so a process without this preload is not harmed by it.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';

const directory = process.env.BENCH_CPU_PROF_DIR;
if (directory) {
  const service = basename(dirname(dirname(process.argv[1] ?? 'node')));
  const session = new Session();
  session.connect();
  let profiling = false;
  let count = 0;
  process.on('SIGWINCH', () => {
    if (!profiling) {
      profiling = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    profiling = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        const file = join(directory, `${service}-${process.pid}-${++count}.cpuprofile`);
        writeFileSync(file, JSON.stringify(result.profile));
      }
    });
  });
}
