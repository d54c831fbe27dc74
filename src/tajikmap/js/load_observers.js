// Installed before a page loads (Playwright's add_init_script) by the browser
// tests and bench/layout_shift.py: what a reader saw move, and every text the
// sidebar's navigation ever showed, however briefly.
(() => {
  const shifts = { list: [], last: performance.now() };
  window.__shifts = shifts;
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return String(node && node.nodeName);
    const id = node.closest("[data-testid]");
    const key = node.closest("[class*='st-key-']");
    const keyClass = key ? [...key.classList].find((c) => c.startsWith("st-key-")) : "";
    return [node.tagName.toLowerCase(), id ? id.dataset.testid : "", keyClass].filter(Boolean).join(" ");
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      shifts.list.push({
        t: e.startTime,
        value: e.value,
        input: e.hadRecentInput,
        sources: (e.sources || []).map((s) => {
          const a = s.previousRect, b = s.currentRect;
          return `${describe(s.node)} (${a.y}+${a.height} -> ${b.y}+${b.height}, x ${a.x} -> ${b.x})`;
        }),
      });
      shifts.last = performance.now();
    }
  }).observe({ type: "layout-shift", buffered: true });

  const navTexts = new Set();
  window.__navTexts = navTexts;
  const readNav = () => {
    for (const nav of document.querySelectorAll("[data-testid='stSidebarNav']")) {
      for (const link of nav.querySelectorAll("a, span")) {
        const text = link.textContent.trim();
        if (text) navTexts.add(text);
      }
    }
  };
  new MutationObserver(readNav).observe(document, { childList: true, subtree: true, characterData: true });
})();
