// A process tree's memory, as the window benchmarks read it: the app and the WebKit processes it
// starts, summed from /proc (Linux).
import { readdirSync, readFileSync } from "node:fs";

/** `pid` and every process below it. */
export function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

/** The proportional set size of `pid` and every process below it, in MiB. */
export function pssMiB(pid) {
  let kib = 0;
  for (const p of descendants(pid)) {
    try {
      const match = readFileSync(`/proc/${p}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      if (match) kib += Number(match[1]);
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
}

/** The proportional set size of `pid` by mapping (the file's name, `[anon]`, `[heap]`, …), in KiB. */
export function pssByMapping(pid) {
  const byName = new Map();
  let name = "";
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const mapping = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (mapping) {
      name = (mapping[1] || "[anon]").replace(/.*\//, "");
      continue;
    }
    const pss = line.match(/^Pss:\s+(\d+) kB/);
    if (pss) byName.set(name, (byName.get(name) ?? 0) + Number(pss[1]));
  }
  return byName;
}
