// CPU time of processes on this machine, read from /proc (Linux), for benchmarks that report CPU
// per request or per paper beside their throughput.
import { readdirSync, readFileSync } from "node:fs";

/** CPU milliseconds (user + system) process `pid` has used so far (/proc/<pid>/stat, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  // Fields after the command name (which may hold spaces, hence after the last ")"): utime is the 12th, stime the 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").pop()!.trim().split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU milliseconds all PostgreSQL processes have used so far (the server's backends do the SQL work). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") total += cpuMsOf(Number(entry));
    } catch {
      // the process ended between listing and reading
    }
  }
  return total;
}
