// The first screen's reads, taken together as the page's script starts: the encryption status (for
// the unlock gate), the damage check (for the recovery) and Today's view would otherwise go to the
// shell one after another, each once the part before it had its answer and mounted. The window
// mounts its screens once all three have answered, so that its first frame already shows Today's
// entries: WebKit's first frame with text costs far more than any after it, and drawing the screen
// once empty and again with the entries paid for two. On the window's first load the shell sends
// them with the page (`src-tauri/src/first_reads.rs`), so nothing waits for them; a page loaded
// again asks for them.
import { useKept } from "./dateFormats";
import { api, ApiError, type CommandError, type EncryptionStatus, type FirstReads, type Recovery, type TodayView } from "./api";

/** A read asked at start, handed to the first part that wants it, once. */
class AskedAtStart<T> {
  private answer: Promise<T> | null;
  constructor(answer: Promise<T>) {
    this.answer = answer;
    // Not taken (the journal was locked, or another screen came first): its failure is not unhandled.
    answer.catch(() => {});
  }
  take(): Promise<T> | null {
    const answer = this.answer;
    this.answer = null;
    return answer;
  }
}

let status: AskedAtStart<EncryptionStatus> | null = null;
let recovery: AskedAtStart<Recovery | null> | null = null;
let today: AskedAtStart<TodayView> | null = null;
let allAnswered: Promise<unknown> = Promise.resolve();

/** The reads the shell wrote into the page, taken out of it; null when the page has none (or
 *  none that parses: then the page asks, as on any later load). */
function sentWithPage(): FirstReads | null {
  const block = document.getElementById("first-reads");
  if (!block) return null;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? "") as FirstReads;
  } catch {
    return null;
  }
}

/** An answer as the command would have given it. */
const answered = <T>(sent: { Ok: T } | { Err: CommandError }): Promise<T> =>
  "Ok" in sent ? Promise.resolve(sent.Ok) : Promise.reject(new ApiError(sent.Err));

/** Takes the three reads (and the date patterns the shell kept) from the page, or asks for the
 *  reads at once; called first thing by the page's script. */
export function askFirstReads() {
  const sent = sentWithPage();
  useKept(sent !== null, sent?.date_formats ?? null);
  const statusAnswer = (sent ? answered(sent.status) : api.encryptionStatus()).then((found) => {
    // Read before the unlock: the journal's damage and entries are read again once it is open.
    if (found.locked) recovery = today = null;
    return found;
  });
  const recoveryAnswer = sent ? answered(sent.recovery) : api.journalRecovery();
  const todayAnswer = sent ? answered(sent.today) : api.today();
  status = new AskedAtStart(statusAnswer);
  recovery = new AskedAtStart(recoveryAnswer);
  today = new AskedAtStart(todayAnswer);
  allAnswered = Promise.allSettled([statusAnswer, recoveryAnswer, todayAnswer]);
}

/** Settles once the three reads have answered (or failed). */
export const firstReadsAnswered = () => allAnswered;

export const firstStatus = () => status?.take() ?? api.encryptionStatus();
export const firstRecovery = () => recovery?.take() ?? api.journalRecovery();

/** Today's view as asked at start, for Today's first load only; asked again if that read failed. */
export function firstToday(): Promise<TodayView> {
  const asked = today?.take();
  return asked ? asked.catch(() => api.today()) : api.today();
}

/** Another screen shows first: Today's view asked at start would be stale by the time it opens. */
export function forgetFirstToday() {
  today = null;
}
