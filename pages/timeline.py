"""Timeline page: every dated event as a list down a time axis, era by era; each opens its map."""

from __future__ import annotations

import streamlit as st

from pages._shared import dataset_or_stop, md, open_view
from tajikmap.timeline import TimelineEvent, article_order, eras, gap_before, timeline_events
from tajikmap.urlstate import View

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


def _event_markdown(event: TimelineEvent) -> str:
    when = f"**{md(event.date_label)}** {badge(event.source)}"
    if event.expected:
        when += " :gray-badge[hoped for, not yet happened]"
    return (
        f"{when}  \n**{md(event.title)}**  \n{md(event.statement)}  \n"
        f":small[{md(event.region_names)} · {md(event.citation)}]"
    )


def _labels(events: tuple[TimelineEvent, ...]) -> dict[str, TimelineEvent]:
    """Each event by its picker label: its date and title, which a phone's select box
    shows almost whole; the region and the map's year only where two would be alike."""
    short = [f"{e.date_label}: {e.title}" for e in events]
    labels: dict[str, TimelineEvent] = {}
    for label, e in zip(short, events, strict=True):
        if short.count(label) > 1:
            label = f"{label} ({ds.regions[e.regions[0]].name}, {e.year} map)"
        # Still alike (same date, title, region and map): numbered, so none is left out.
        labels[label if label not in labels else f"{label} #{len(labels) + 1}"] = e
    return labels


# Each era is one Markdown list and one picker: a few elements, not several per
# event, because every element is work for a phone's browser (Lighthouse's
# blocking time); the list reads top to bottom like a time axis.
for i, era in enumerate(eras(events)):
    st.header(era.label)
    items: list[str] = []
    previous = None
    for event in era.events:
        gap = gap_before(previous, event)
        previous = event
        items.append((f":small[⋮ {gap}]\n\n" if gap else "") + _event_markdown(event))
    st.markdown("\n\n---\n\n".join(items))
    # Labels as the options (not ids with a format_func): unique, and what a reader picks.
    by_label = _labels(era.events)
    picked = by_label[
        st.selectbox(f"Open an event of {era.label} on the map", list(by_label), key=f"event-{i}")
    ]
    if st.button("Open on the map", key=f"open-{i}", icon=":material/map:"):
        open_view(View(picked.year, picked.regions[0]))
