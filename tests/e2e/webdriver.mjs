// A small W3C WebDriver client for driving the real Small Wins window through tauri-driver.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
export const Keys = { ENTER: "\uE007", SHIFT: "\uE008", CONTROL: "\uE009", ALT: "\uE00A", ESCAPE: "\uE00C", DELETE: "\uE017", NULL: "\uE000" };

/** Starts tauri-driver (which starts WebKitWebDriver) with the environment the app should see. */
export async function startDriver({ port, env }) {
  // A process group of its own, so stopping it also ends WebKitWebDriver and any app window a
  // failed session close left behind (which would otherwise hold the output pipes and keep the
  // test process alive).
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  driver.stdout.on("data", (d) => (output += d));
  driver.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => driver.once("exit", resolve));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited ${driver.exitCode}: ${output}`);
    try {
      // tauri-driver answers at once; the WebKitWebDriver it starts may still be starting (on a busy
      // machine), and a new session sent before it listens fails with "fetch failed". Both, then.
      const listening = await Promise.all([port, port + 1].map((p) => fetch(`http://127.0.0.1:${p}/status`)));
      if (listening.every((response) => response.ok)) {
        return { url: `http://127.0.0.1:${port}`, stop: () => stopGroup(driver, exited), output: () => output };
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stopGroup(driver, exited);
  throw new Error(`tauri-driver did not start: ${output}`);
}

/** Ends the driver's whole process group and lets go of its output. */
async function stopGroup(driver, exited) {
  try {
    process.kill(-driver.pid, "SIGTERM");
  } catch {
    // the group is already gone
  }
  await exited;
  driver.stdout.destroy();
  driver.stderr.destroy();
}

async function request(method, url, body, { timeoutMs } = {}) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
  }).catch((error) => {
    throw new Error(`${method} ${url}: ${error.name === "TimeoutError" ? `no answer in ${timeoutMs / 1000} s` : error.message}`);
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

export class Session {
  /** Starts `application` with `args` and opens a session on its window. */
  static async launch(driverUrl, application, args = []) {
    const value = await request("POST", `${driverUrl}/session`, {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application, args } } },
    });
    return new Session(`${driverUrl}/session/${value.sessionId}`);
  }

  constructor(base) {
    this.base = base;
  }

  close() {
    return request("DELETE", this.base);
  }

  execute(script, ...args) {
    return request("POST", `${this.base}/execute/sync`, { script, args });
  }

  /** Runs `script` in the page; it finishes by calling its last argument with the result. */
  executeAsync(script, ...args) {
    return request("POST", `${this.base}/execute/async`, { script, args });
  }

  title() {
    return request("GET", `${this.base}/title`);
  }

  async find(css) {
    const value = await request("POST", `${this.base}/element`, { using: "css selector", value: css });
    return new Element(this, value[ELEMENT]);
  }

  async findAll(css) {
    const values = await request("POST", `${this.base}/elements`, { using: "css selector", value: css });
    return values.map((v) => new Element(this, v[ELEMENT]));
  }

  /** Polls `check` until it returns something truthy, or fails with `what` after `ms`. */
  async waitFor(what, check, ms = 10_000) {
    const deadline = Date.now() + ms;
    let last;
    while (Date.now() < deadline) {
      try {
        const result = await check();
        if (result) return result;
      } catch (error) {
        last = error;
      }
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
  }

  /** Waits for an element matching `css` whose text contains `text`. */
  waitForText(css, text, ms) {
    return this.waitFor(`${css} containing ${JSON.stringify(text)}`, async () => {
      for (const element of await this.findAll(css)) {
        if ((await element.text()).includes(text)) return element;
      }
      return null;
    }, ms);
  }

  /**
   * Waits for a shown entry row whose title contains `title`. Only the title: a review's or a
   * check-in's preview quotes other entries, so the whole row's text would match them too.
   */
  waitForRow(title, ms) {
    return this.waitFor(`an entry row titled ${JSON.stringify(title)}`, async () => {
      const row = await this.execute(
        "return [...document.querySelectorAll('.entry-row')].find((row) => row.offsetParent !== null && " +
          "row.querySelector('.title')?.textContent.includes(arguments[0])) ?? null",
        title,
      );
      return row && new Element(this, row[ELEMENT]);
    }, ms);
  }

  /** Types into whatever has focus, as a person at the keyboard would. */
  async typeIntoFocus(text) {
    const active = await request("GET", `${this.base}/element/active`);
    await new Element(this, active[ELEMENT]).type(text);
  }

  /** Resizes the window to `width`×`height` and waits until the page has that size. */
  async resize(width, height) {
    await request("POST", `${this.base}/window/rect`, { width, height });
    await this.waitFor(`a ${width}×${height} page`, () =>
      this.execute("return window.innerWidth === arguments[0] && window.innerHeight === arguments[1]", width, height),
    );
  }

  /**
   * Saves a PNG of the page. WebKitWebDriver answers only after the page presents its *next* frame,
   * so on a page where nothing changes the request never returns (undici then gives up after 300 s
   * with "fetch failed"). A single change just before the request is not enough: its frame can be
   * presented before the request arrives. So a 1-px dot in the top-left corner (on screen wherever
   * the window is) changes on every animation frame until the screenshot is back.
   */
  async screenshot(path) {
    await this.execute(
      "let dot = document.getElementById('e2e-frames');" +
        "if (!dot) { dot = document.createElement('div'); dot.id = 'e2e-frames'; dot.setAttribute('aria-hidden', 'true');" +
        "dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;background:#808080;opacity:0.01'; document.body.append(dot); }" +
        "window.e2eKeepDrawing = true;" +
        "const draw = () => { if (!window.e2eKeepDrawing) return; dot.style.opacity = dot.style.opacity === '0.01' ? '0.02' : '0.01'; requestAnimationFrame(draw); };" +
        "requestAnimationFrame(draw);",
    );
    try {
      const png = await request("GET", `${this.base}/screenshot`, undefined, { timeoutMs: 60_000 });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, Buffer.from(png, "base64"));
    } finally {
      await this.execute("window.e2eKeepDrawing = false;");
    }
  }
}

class Element {
  constructor(session, id) {
    this.session = session;
    this.url = `${session.base}/element/${id}`;
    this.ref = { [ELEMENT]: id };
  }

  click() {
    return request("POST", `${this.url}/click`, {});
  }

  /** The first element inside this one matching `css`. */
  async find(css) {
    const value = await request("POST", `${this.url}/element`, { using: "css selector", value: css });
    return new Element(this.session, value[ELEMENT]);
  }

  async findAll(css) {
    const values = await request("POST", `${this.url}/elements`, { using: "css selector", value: css });
    return values.map((v) => new Element(this.session, v[ELEMENT]));
  }

  type(text) {
    return request("POST", `${this.url}/value`, { text });
  }

  clear() {
    return request("POST", `${this.url}/clear`, {});
  }

  /** What a person reads in it (innerText: WebKit's WebDriver text misses clipped, ellipsised spans). */
  text() {
    return this.session.execute("return arguments[0].innerText", this.ref);
  }

  property(name) {
    return request("GET", `${this.url}/property/${name}`);
  }
}
