// The Map page's "Share or download" menu from the keyboard. Streamlit draws a
// popover's contents at the end of the page, so the Tab key went from its button
// straight on to the Region list and never reached the link or the downloads.
// Opened with Enter or Space, the menu now takes the focus; Tab and Shift+Tab
// move through it and, past either end, come back to its button, from which Tab
// goes into the menu again while it is open (Escape or the button closes it).
// Runs in the page (st.html), once per page load.
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
  // The menu's contents appear over a few frames after the key, not in their order
  // (its last link can come first): focus the first once the list has held still
  // for three frames, unless the focus has gone elsewhere meanwhile.
  function focusMenu(frames, count, still) {
    var body = document.querySelector(BODY), list = body ? items(body) : [];
    if (document.activeElement !== opener && !(body && body.contains(document.activeElement))) { return; }
    still = list.length && list.length === count ? still + 1 : 0;
    if (still >= 3) { list[0].focus(); return; }
    if (frames > 0) {
      window.requestAnimationFrame(function () { focusMenu(frames - 1, list.length, still); });
    } else if (list.length) { list[0].focus(); }
  }
  document.addEventListener('keydown', function (e) {
    var button = e.target.closest && e.target.closest(BUTTON);
    var open = button && button.getAttribute('aria-expanded') === 'true';
    if (button && (e.key === 'Enter' || e.key === ' ') && !open) {
      opener = button;
      window.requestAnimationFrame(function () { focusMenu(120, 0, 0); });
      return;
    }
    var menu = document.querySelector(BODY);
    if (button && open && menu && e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();  // from its button, into the open menu (drawn at the page's end)
      opener = button;
      if (items(menu).length) { items(menu)[0].focus(); return; }
      // Its contents are drawn by a rerun the opening started: a Tab pressed before they
      // arrive waits on the button (it went on to the Region list) and goes in with them.
      window.requestAnimationFrame(function () { focusMenu(120, 0, 0); });
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
