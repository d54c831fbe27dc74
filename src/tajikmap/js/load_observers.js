// Installed before a page loads (Playwright's add_init_script) by the browser
// tests and bench/layout_shift.py: what a reader saw move, every text the
// navigation (the header's or the sidebar's) ever showed, however briefly, and every height each box
// reserved for a map (a container keyed "…-box") had from the moment it was drawn.
(() => {
  const shifts = { list: [], last: performance.now() };
  window.__shifts = shifts;
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return String(node && node.nodeName);
    const id = node.closest("[data-testid]");
    const key = node.closest("[class*='st-key-']");
    const keyClass = key ? [...key.classList].find((c) => c.startsWith("st-key-")) : "";
    const text = (node.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return [node.tagName.toLowerCase(), id ? id.dataset.testid : "", keyClass, text && `"${text}"`]
      .filter(Boolean)
      .join(" ");
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
    for (const nav of document.querySelectorAll("[data-testid='stTopNav'], [data-testid='stSidebarNav']")) {
      for (const link of nav.querySelectorAll("a, span")) {
        const text = link.textContent.trim();
        if (text) navTexts.add(text);
      }
    }
  };
  const boxHeights = {};
  window.__boxHeights = boxHeights;
  const sizes = new ResizeObserver((entries) => {
    for (const e of entries) {
      const key = [...e.target.classList].find((c) => c.startsWith("st-key-"));
      const h = Math.round(e.borderBoxSize[0].blockSize * 10) / 10;
      const list = (boxHeights[key] = boxHeights[key] || []);
      if (list[list.length - 1] !== h) list.push(h);
    }
  });
  const watched = new WeakSet();
  const readBoxes = () => {
    for (const box of document.querySelectorAll("[class*='-box']")) {
      if (![...box.classList].some((c) => c.startsWith("st-key-") && c.endsWith("-box"))) continue;
      if (!watched.has(box)) {
        watched.add(box);
        sizes.observe(box);
      }
    }
  };
  new MutationObserver(() => {
    readNav();
    readBoxes();
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();
