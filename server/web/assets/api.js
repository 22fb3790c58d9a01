// The JSON API's guest endpoints as the pages call them, and its refusals in words for people.
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let deskCsrf = null;
// The front desk signs in with a session cookie; its changes carry the session's CSRF token.
export function useDeskSession(csrfToken) {
  deskCsrf = csrfToken;
}

export async function api(method, path, body, base = '/api/v1') {
  const init = { method, credentials: deskCsrf || base !== '/api/v1' ? 'same-origin' : 'omit', headers: {} };
  if (deskCsrf && method !== 'GET') init.headers['X-CSRF-Token'] = deskCsrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.code || 'error', error.message || response.statusText,
                       response.headers.get('Retry-After'));
  }
  return json;
}

function sentence(text) {
  if (!text) return '';
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : s + '.';
}

// What went wrong, for the person at the page: the server's own sentence, with a word on what to do.
export function explain(error) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'slot-unavailable':
      return 'Sorry, this time was just taken by someone else. Please choose another time.';
    case 'session-full':
      return 'Sorry, the last place was just taken. ' + sentence(error.message);
    case 'too-many-requests': {
      const minutes = Math.max(1, Math.ceil(Number(error.retryAfter || 60) / 60));
      return `Too many attempts from here. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    case 'network':
      return error.message;
    default:
      return sentence(error.message);
  }
}
