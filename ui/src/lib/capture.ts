// What the capture box means: a line starting with "!" is a setback, anything else a win.
import type { Kind } from "./bindings";

export interface Capture {
  kind: Kind;
  text: string;
}

export function readCapture(raw: string): Capture {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith("!")) return { kind: "setback", text: trimmed.slice(1).trim() };
  return { kind: "win", text: raw.trim() };
}
