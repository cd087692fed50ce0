// Whether the journal is encrypted and locked, and the idle lock: the window shows the unlock screen
// (and nothing of the journal) while locked, and locks itself after the chosen idle minutes.
import { api, whenLocked, type EncryptionStatus } from "./api";

export const lock = $state({
  /** Known after the first status call; nothing of the journal is shown before. */
  known: false,
  encrypted: false,
  locked: false,
  /** The OS keyring unlocks this journal on this device. */
  remembered: false,
  /** Idle minutes before locking; null: never. */
  idleMinutes: null as number | null,
});

/** Reads the status again; the window's gate passes the one asked for as the page started. */
export async function refreshLock(ask: () => Promise<EncryptionStatus> = api.encryptionStatus) {
  const status = await ask();
  lock.encrypted = status.encrypted;
  lock.locked = status.locked;
  lock.remembered = status.remembered;
  lock.idleMinutes = status.idle_lock_minutes;
  lock.known = true;
}

/** The journal locked (by a command's answer, the backend, or the idle timer): show the unlock screen. */
export function showLocked() {
  lock.locked = true;
}
whenLocked(showLocked);

export async function lockNow() {
  await api.lockJournal();
  showLocked();
}

const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
const CHECK_EVERY_MS = 5_000;

/** How many things on screen keep the idle lock waiting (the one-time recovery key). */
let idleHolds = 0;

/** Keeps the idle lock from firing until the returned release is called: locking would take from
 * the page what cannot be shown again. Idle time counts from the release. */
export function holdIdleLock(): () => void {
  idleHolds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    idleHolds -= 1;
  };
}

/** Locks after `lock.idleMinutes` without a key press, click or pointer move in the window. */
export function watchIdle() {
  let lastActive = Date.now();
  const active = () => (lastActive = Date.now());
  for (const event of ACTIVITY) window.addEventListener(event, active, { capture: true, passive: true });
  const timer = setInterval(() => {
    if (!lock.encrypted || lock.locked || lock.idleMinutes === null || idleHolds > 0) {
      lastActive = Date.now();
      return;
    }
    if (Date.now() - lastActive >= lock.idleMinutes * 60_000) lockNow().catch(() => showLocked());
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    for (const event of ACTIVITY) window.removeEventListener(event, active, { capture: true });
  };
}
