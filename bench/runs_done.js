// Installed before a benchmarked page loads (bench/run.py): counts the script runs
// the page has seen end, in window.__tajikmapRuns. stApp's data-test-script-state
// (Streamlit's own end-to-end-test attribute) leaves "notRunning" while a run is
// under way and comes back when it ends. A short run never shows the status
// widget, so "no status widget" ended a timing before the rerun had come back.
(() => {
  window.__tajikmapRuns = 0;
  let running = false;
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    const note = () => {
      const state = app.dataset.testScriptState;
      if (state && state !== "notRunning") running = true;
      else if (running && state === "notRunning") { running = false; window.__tajikmapRuns += 1; }
    };
    new MutationObserver(note).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
    note();
    return true;
  };
  const start = () => {
    if (watch()) return;
    const wait = new MutationObserver(() => { if (watch()) wait.disconnect(); });
    wait.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
