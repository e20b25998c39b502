// localStorage that never throws: inside an LMS iframe with third-party storage blocked, reading or
// writing raises SecurityError, and the player must work on without remembering anything.
export function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked or full: nothing to remember, nothing to break.
  }
}
