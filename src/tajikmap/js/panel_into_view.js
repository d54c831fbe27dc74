// On a narrow screen the panel sits under the map, a screen or more below: a tap
// on a region would seem to do nothing. After a tap, once the page's panel shows
// a region heading other than the one it showed before, scroll that heading to
// the top of the window unless it is already in view. The frame is same-origin
// (streamlit-folium's iframe), so it can reach the page; outside Streamlit (an
// exported map) there is no panel and it does nothing.
//
// A map's frame is built when its page opens. Opened from another page's button
// (the Timeline's "Open on the map"), Streamlit keeps that page's scroll position,
// which left a reader mid-page among the facts: a new frame starts its page at the top.
function (map, options) {
  if (window.parent === window) { return; }
  var doc;
  try { doc = window.parent.document; } catch (e) { return; }
  var el = window.frameElement;
  for (el = el && el.parentElement; el; el = el.parentElement) { if (el.scrollTop) { el.scrollTop = 0; } }
  if (window.parent.scrollY) { window.parent.scrollTo(0, 0); }
  var selector = options.headingSelector;
  function heading() { return doc.querySelector(selector); }
  function inView(node) {
    var r = node.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.parent.innerHeight;
  }
  map.on('click', function () {
    if (window.parent.innerWidth > options.maxWidthPx) { return; }
    var before = heading();
    var beforeText = before ? before.textContent : null;
    var observer = new window.parent.MutationObserver(function () {
      var now = heading();
      if (now && now.textContent !== beforeText) {
        observer.disconnect();
        if (!inView(now)) { now.scrollIntoView({block: 'start'}); }
      }
    });
    observer.observe(doc.body, {childList: true, subtree: true, characterData: true});
    // A tap that changes nothing (the region already shown) leaves no observer behind.
    window.setTimeout(function () { observer.disconnect(); }, options.giveUpMs);
  });
}
