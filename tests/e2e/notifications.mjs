// The real notification daemon the reminder tests read back: dunst on the test's D-Bus session,
// started with a configuration of the test's own, and its history through `dunstctl`.
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { until } from "./harness.mjs";

export const dunstctl = (...args) => execFileSync("dunstctl", args).toString().trim();

/** Starts dunst with `config` (dunstrc text) in `env`'s home; resolves once it answers on the bus. */
export async function startDunst(env, config) {
  const path = join(env.HOME, "dunstrc");
  writeFileSync(path, config);
  const dunst = spawn("dunst", ["-config", path], { stdio: "ignore" });
  await until("dunst on the session bus", () => {
    try {
      return dunstctl("count", "displayed") === "0";
    } catch {
      return false;
    }
  }, 10_000);
  return dunst;
}

/** Every notification dunst has closed, as { id, appname, summary, body }. */
export function history() {
  const { data } = JSON.parse(dunstctl("history"));
  return data.flat().map((n) => ({ id: n.id.data, appname: n.appname.data, summary: n.summary.data, body: n.body.data }));
}

/** Closes every notification shown or waiting, then returns each one dunst was ever given. */
export function closedHistory() {
  while (Number(dunstctl("count", "displayed")) + Number(dunstctl("count", "waiting")) > 0) dunstctl("close-all");
  return history();
}
