"""Timeline page: every dated event on a time axis; picking one shows its region on the map."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from pages._shared import dataset_or_stop, show_on_map
from tajikmap.timeline import timeline_events

ds = dataset_or_stop()
events = timeline_events(ds)
st.title("Timeline")
st.markdown(
    "Every dated event the articles mention. Bars cover what a date really means: a month "
    "spans the month, a year the year; approximate dates are widened and drawn dashed, and "
    "hoped-for events are hollow. Click an event, or pick it below, to see its region on the map."
)

rows = pd.DataFrame(
    [
        {
            "fact_id": e.fact_id,
            "title": e.title,
            "article": str(e.year),
            "era": "1991–1997" if e.start.year < 2000 else "2021",
            "start": pd.Timestamp(e.start),
            "end": pd.Timestamp(e.end) + pd.Timedelta(days=1),
            "date": e.date_label,
            "precision": e.precision,
            "kind": "expected"
            if e.expected
            else ("approximate" if e.precision == "approximate" else "dated"),
            "regions": e.region_names,
            "citation": e.citation,
        }
        for e in events
    ]
)

picked: str | None = None
for era, frame in rows.groupby("era", sort=True):
    select = alt.selection_point(fields=["fact_id"], name="event")
    base = alt.Chart(frame).encode(
        y=alt.Y("title:N", sort=alt.EncodingSortField("start"), title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("article:N", title="Article", scale=alt.Scale(range=["#0072B2", "#D55E00"])),
        tooltip=["title", "date", "precision", "regions", "citation"],
    )
    bars = (
        base.mark_bar(height=12, stroke="#333")
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            strokeDash=alt.condition("datum.kind == 'approximate'", alt.value([4, 3]), alt.value([1, 0])),
            fillOpacity=alt.condition("datum.kind == 'expected'", alt.value(0.1), alt.value(0.9)),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.5)),
        )
        .add_params(select)
    )
    st.subheader(str(era))
    state = st.altair_chart(
        bars.properties(height=32 * len(frame) + 30),
        on_select="rerun",
        key=f"timeline-{era}",
        use_container_width=True,
    )
    chosen = state.get("selection", {}).get("event", []) if state else []
    if chosen and isinstance(chosen[0], dict) and chosen[0].get("fact_id"):
        picked = str(chosen[0]["fact_id"])

by_id = {e.fact_id: e for e in events}
label = st.selectbox(
    "Event",
    [e.fact_id for e in events],
    format_func=lambda fid: f"{by_id[fid].date_label} — {by_id[fid].title}",
)
if st.button("Show on map", icon=":material/map:"):
    picked = label
if picked in by_id:
    event = by_id[picked]
    show_on_map(event.year, event.regions[0])

st.dataframe(rows.drop(columns=["fact_id", "start", "end"]), hide_index=True, use_container_width=True)
