// localStorage may be blocked inside an LMS iframe (third-party storage): then the upload still runs and
// pauses, but cannot be found again after a page reload.
export function canUseLocalStorage() {
  try {
    const key = '__luento_probe__';
    window.localStorage.setItem(key, '1');
    window.localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
