"""Timeline page: every dated event as a list down a time axis, era by era; each opens its map."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md, show_on_map
from tajikmap.timeline import article_order, eras, gap_before, timeline_events

# Streamlit's badge colours, one per article in year order (the same on the whole page).
COLOURS = ("blue", "orange", "green", "violet", "red", "gray")

ds = dataset_or_stop()
events = timeline_events(ds)
colour = {sid: COLOURS[i % len(COLOURS)] for i, sid in enumerate(article_order(events, ds))}


def badge(source_id: str) -> str:
    return f":{colour[source_id]}-badge[{ds.sources[source_id].year}]"


st.title("Timeline")
st.markdown(
    "Every dated event the articles mention, oldest first. Dates say how exact they are "
    "(“about”, or “inferred” where the article gives no date and we worked it out). "
    "The label on each event names its article:"
)
st.markdown("  \n".join(f"{badge(sid)} *{md(ds.sources[sid].title)}*" for sid in colour))

for era in eras(events):
    st.header(era.label)
    previous = None
    for event in era.events:
        gap = gap_before(previous, event)
        previous = event
        if gap:
            st.markdown(f":small[⋮ {gap}]")
        with st.container(border=True, key=f"event-{event.fact_id}"):
            # One Markdown block per event: each element is browser work on a long page.
            when = f"**{md(event.date_label)}** {badge(event.source)}"
            if event.expected:
                when += " :gray-badge[hoped for, not yet happened]"
            st.markdown(
                f"{when}  \n**{md(event.title)}**  \n{md(event.statement)}  \n"
                f":small[{md(event.region_names)} · {md(event.citation)}]"
            )
            region = ds.regions[event.regions[0]].name
            if st.button(
                f"Open the {event.year} map: {region}",
                key=f"map-{event.fact_id}",
                type="tertiary",
                icon=":material/map:",
            ):
                show_on_map(event.year, event.regions[0])
