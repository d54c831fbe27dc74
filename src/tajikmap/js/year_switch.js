// The Map page's Year radio recolours the map the moment it changes, by mouse,
// touch or arrow keys: the map's frame already holds every year's looks
// (js/year_look.js, t.showYear), so the switch shows before Streamlit's rerun
// comes back with the panel, the Region list and the address, and re-applies
// the same looks. Runs in the page (st.html), once per page load; options name
// the radio's and the map's containers (st-key-… classes).
//
// Streamlit's radio (React Aria) sets its input's state from script, with no
// native change event for a press or an arrow key: the option it marks
// data-selected is what the reader sees chosen, so that mark is watched. Its
// one reader is here; tests/browser/test_year_switch.py fails when it moves.
function (options) {
  if (window.tajikmapYearSwitch) { return; }
  window.tajikmapYearSwitch = true;
  var OPTION = '[data-testid="stRadioOption"]';
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var option = change.target;
      if (option.getAttribute('data-selected') !== 'true' || !option.matches(OPTION) ||
          !option.closest(options.yearBox)) { return; }
      var year = option.textContent.trim();
      document.querySelectorAll(options.mapBox + ' iframe').forEach(function (frame) {
        var t = frame.contentWindow && frame.contentWindow.tajikmap;
        if (t && t.showYear) { t.showYear(year); }
      });
    });
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-selected']});
}
