#!/usr/bin/env node
// Stands in for the installed `small-wins` beside a copy of `wins`: when a click on a notification
// starts it, it starts the real app with the same command line under the test's WebDriver (so the
// test can read the screen the person sees) and writes the session's id where the test waits for it.
import { writeFileSync } from "node:fs";

const { SMALL_WINS_E2E_DRIVER: driver, SMALL_WINS_E2E_APP: app, SMALL_WINS_E2E_SESSION: sessionFile } = process.env;
const args = process.argv.slice(2);
const response = await fetch(`${driver}/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: app, args } } } }),
});
const { value } = await response.json();
writeFileSync(sessionFile, JSON.stringify({ args, sessionId: value.sessionId ?? null, error: value.sessionId ? null : value }));
