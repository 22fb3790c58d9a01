// What the tsdav scripts share: named steps whose outcome is recorded instead of thrown, so that every
// step runs and the Python test asserts each one; and a fetch Response read into plain JSON.

// Each step's outcome: {ok: true, value} or {ok: false, error}.
export const out = {};

// Runs fn, records its outcome under name, and returns its value (undefined when it threw).
export async function step(name, fn) {
  try {
    const value = await fn();
    out[name] = { ok: true, value: value === undefined ? null : value };
    return value;
  } catch (e) {
    out[name] = { ok: false, error: String(e && e.stack ? e.stack : e) };
    return undefined;
  }
}

// A fetch Response as {status, etag, body}.
export const resp = async (r) => ({ status: r.status, etag: r.headers.get('etag'), body: await r.text() });

// Prints every recorded outcome as one JSON object on stdout.
export function printOutcomes() {
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}
