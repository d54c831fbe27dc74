"""Facts page: every fact as a card, with search and filters carried in the URL, and downloads."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from pages._shared import dataset_or_stop
from tajikmap.factcard import fact_card, fact_cards_html, status_legend
from tajikmap.factfilter import (
    PARAMS,
    FactFilter,
    describe,
    filter_facts,
    filter_options,
    filter_query,
    parse_filter,
)
from tajikmap.present import escape_markdown, fact_record, plural

ds = dataset_or_stop()
options = filter_options(ds)
PAGE = 10
KEYS = {attr: f"facts_{attr}" for attr in PARAMS.values()}

# The URL decides the view when it changed from outside (a shared link, Back or
# Forward); otherwise the widgets decide and the URL follows them.
url = {k: st.query_params.get_all(k) for k in st.query_params}
if url != st.session_state.get("facts_url") or any(k not in st.session_state for k in KEYS.values()):
    view, notices = parse_filter(url, options)
    for attr, key in KEYS.items():
        value = getattr(view, attr)
        st.session_state[key] = value if isinstance(value, str) else list(value)
    st.session_state.facts_notices = notices


def _clear() -> None:
    for attr, key in KEYS.items():
        st.session_state[key] = "" if attr == "query" else []


st.title("Facts")
st.markdown(
    "Every fact the two articles state, in our own words, with the paragraph it comes from. "
    "The label on each says how sure it is: **reported** means the article states it as fact; "
    "anything else names who says so."
)
for notice in st.session_state.pop("facts_notices", []):
    st.info(notice, icon=":material/link_off:")

# The label folded into the box (its name for screen readers stays "Search"): Streamlit
# draws a text box 40 px tall until its code loads, then adds the label above it,
# which pushed every fact down 28 px as the page loaded (layout shift).
st.text_input(
    "Search",
    key=KEYS["query"],
    max_chars=200,
    placeholder="Search: a word or figure (refugees, Panjshir, 20,000 …)",
    icon=":material/search:",
    label_visibility="collapsed",
)
# Folded away: on a phone the filters would otherwise fill the screen before any fact.
# A popover, not an expander: its widgets are drawn only when it is opened, which
# spares the browser their work on every page load (Lighthouse's blocking time).
with st.popover("Filter by year, status, category, region or actor", icon=":material/filter_list:"):
    left, right = st.columns(2)
    left.multiselect("Year", options.years, key=KEYS["years"])
    left.multiselect("Status", options.statuses, key=KEYS["statuses"])
    left.multiselect("Category", options.categories, key=KEYS["categories"])
    right.multiselect(
        "Region", options.regions, key=KEYS["regions"], format_func=lambda r: ds.regions[r].name
    )
    right.multiselect("Actor", options.actors, key=KEYS["actors"], format_func=lambda a: ds.actors[a].name)
    st.markdown(status_legend(options.statuses))

view = FactFilter(
    years=tuple(st.session_state[KEYS["years"]]),
    regions=tuple(st.session_state[KEYS["regions"]]),
    categories=tuple(st.session_state[KEYS["categories"]]),
    actors=tuple(st.session_state[KEYS["actors"]]),
    statuses=tuple(st.session_state[KEYS["statuses"]]),
    query=" ".join(str(st.session_state[KEYS["query"]]).split()),
)
query = filter_query(view)
if st.query_params.to_dict() != query:
    st.query_params.from_dict(query)
st.session_state.facts_url = {k: [v] for k, v in query.items()}

shown = filter_facts(ds, view)
# Cards come in pages: each is work for the browser, and a phone reader scrolls
# ten before wanting a narrower view. A new view starts again at one page.
if st.session_state.get("facts_view") != view:
    st.session_state.facts_view = view
    st.session_state.facts_limit = PAGE
limit = st.session_state.facts_limit
summary = f"{len(shown)} of {plural(len(ds.facts), 'fact')}"
if view.active():  # said in words too: on a phone the filters are folded away
    summary += f" match this view ({escape_markdown(describe(view, ds))}). The address bar's link reopens it."
counts, clear = st.columns([3, 1], vertical_alignment="center")
counts.markdown(summary)
if view.active():
    clear.button("Show all facts", on_click=_clear, icon=":material/filter_list_off:")

# The downloads above the cards, not under them: the cards' block is drawn a moment
# after the elements around it (Streamlit loads its HTML element's code on first use),
# and anything under it was pushed off the screen as it filled (layout shift).
records = [fact_record(f, ds) for f in shown]
# Columns, which stack on a phone from the first frame (a row that wraps moved its
# second button down once their code had loaded), each button its column's width.
csv_column, json_column = st.columns(2)
csv_column.download_button(
    f"Download {plural(len(shown), 'fact')} (CSV)",
    pd.DataFrame(records, columns=list(fact_record(ds.facts[0], ds))).to_csv(index=False),
    "tajikmap-facts.csv",
    "text/csv",
    icon=":material/download:",
    width="stretch",
)
json_column.download_button(
    f"Download {plural(len(shown), 'fact')} (JSON)",
    json.dumps(records, ensure_ascii=False, indent=2),
    "tajikmap-facts.json",
    "application/json",
    icon=":material/download:",
    width="stretch",
)

if shown:  # one HTML block: a Markdown element per card cost the browser far more (factcard)
    st.html(fact_cards_html(fact_card(fact, ds) for fact in shown[:limit]))
else:
    st.markdown("No fact matches. Try fewer filters or another word.")
if len(shown) > limit:
    more = min(PAGE, len(shown) - limit)
    st.button(
        f"Show {plural(more, 'more fact')} ({limit} of {len(shown)} shown)",
        on_click=lambda: st.session_state.update(facts_limit=limit + PAGE),
        icon=":material/expand_more:",
    )
