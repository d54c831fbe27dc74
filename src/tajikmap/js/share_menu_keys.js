// The Map page's "Share or download" menu from the keyboard. Streamlit draws a
// popover's contents at the end of the page, so the Tab key went from its button
// straight on to the Region list and never reached the link or the downloads.
// Opened with Enter or Space, the menu now takes the focus; Tab and Shift+Tab
// move through it and, past either end, come back to its button. Runs in the
// page (st.html), once per page load.
(function () {
  if (window.tajikmapShareKeys) { return; }
  window.tajikmapShareKeys = true;
  var BUTTON = '[data-testid="stPopoverButton"]', BODY = '[data-testid="stPopoverBody"]';
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';
  var opener = null;
  function items(body) {
    return Array.prototype.filter.call(body.querySelectorAll(FOCUSABLE), function (el) {
      return el.getClientRects().length > 0;
    });
  }
  // The menu's contents appear a moment after the key: wait for them (a few frames).
  function focusMenu(frames) {
    var body = document.querySelector(BODY), list = body ? items(body) : [];
    if (list.length) { list[0].focus(); return; }
    if (frames > 0) { window.requestAnimationFrame(function () { focusMenu(frames - 1); }); }
  }
  document.addEventListener('keydown', function (e) {
    var button = e.target.closest && e.target.closest(BUTTON);
    if (button && (e.key === 'Enter' || e.key === ' ') && button.getAttribute('aria-expanded') !== 'true') {
      opener = button;
      window.requestAnimationFrame(function () { focusMenu(60); });
      return;
    }
    var body = e.target.closest && e.target.closest(BODY);
    if (!body || e.key !== 'Tab' || !opener) { return; }
    var list = items(body), first = list[0], last = list[list.length - 1];
    if ((e.shiftKey && e.target === first) || (!e.shiftKey && e.target === last)) {
      e.preventDefault();
      opener.focus();
    }
  }, true);
}());
